"""dlg's own versions of DALiuGE's dlg.apps.simple_functions, used when DALiuGE is not installed."""
import json
import pickle


def readLines(fileName):
    """The whitespace-separated words of a file."""
    with open(fileName, "r") as f:
        return f.read().split()


def createRange(low, high, step):
    return range(low, high, step)


def createMultiOut(v1=1, v2=7):
    return v1, v2


def getMax(v1=1.0, v2=7.0):
    return max(v1, v2)


def string2json(string, pickle_flag=False):
    """The value a JSON text holds ([] when it is not JSON); pickled when pickle_flag."""
    try:
        value = json.loads(string or '""')
    except json.JSONDecodeError:
        value = []
    return pickle.dumps(value) if pickle_flag else value
