package dlg.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The sbatch script of {@code dlg slurm}: one NodeManager per allocated node (one {@code srun}
 * task each), a DataIslandManager on the first node (where the batch script runs) over them,
 * then {@code dlg submit}, which waits until every NodeManager answers, runs the graph and exits
 * with the session's outcome; the managers are stopped and the script exits with that status.
 * Logs go to {@code JOB_DIR/logs}, node h's sessions to {@code JOB_DIR/h/workspace}. The script
 * is meant to be read and edited: plain bash, its settings at the top.
 *
 * @param launcher the command that runs dlg (the launcher of this installation, absolute)
 * @param sbatch more {@code #SBATCH} options, each as written on sbatch's command line
 * @param secret whether the job makes a secret of its own, which its managers demand (a fresh
 *     random token in {@code JOB_DIR/auth-token}, readable by its owner only, the job directory
 *     being on a file system every node reads); false: open to all, as DALiuGE is
 */
record SlurmScript(List<String> launcher, Path graph, Path jobDir, String sessionId, int nodes,
                   String partition, String time, String account, int nmPort, int eventPort, int rpcPort,
                   int dimPort, List<String> sbatch, boolean secret) {

    SlurmScript {
        launcher = List.copyOf(launcher);
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(jobDir, "jobDir");
        Objects.requireNonNull(sessionId, "sessionId");
        sbatch = List.copyOf(sbatch);
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1: " + nodes);
        }
        for (int i = 0; i < sbatch.size(); i++) {
            String s = sbatch.get(i);
            String before = i > 0 ? sbatch.get(i - 1) : "";
            if (!s.startsWith("-") && before.startsWith("--") && !before.contains("=")) {
                throw new IllegalArgumentException("pass sbatch's " + before + " as " + before
                        + "=VALUE: other sbatch options are passed on in their --name=value form only");
            }
            if (!s.startsWith("-") || s.contains("\n")) {
                throw new IllegalArgumentException("'" + s + "' is no sbatch option: other sbatch options are passed on"
                        + " in their --name=value form only");
            }
        }
    }

    String text() {
        List<String> directives = new ArrayList<>(List.of("--job-name=dlg-" + sessionId, "--nodes=" + nodes,
                "--ntasks-per-node=1"));
        if (partition != null) {
            directives.add("--partition=" + partition);
        }
        if (time != null) {
            directives.add("--time=" + time);
        }
        if (account != null) {
            directives.add("--account=" + account);
        }
        directives.add("--output=" + jobDir.resolve("job-%j.out"));
        directives.add("--chdir=" + jobDir);
        directives.addAll(sbatch);
        String sbatchLines = directives.stream().map(d -> "#SBATCH " + d).collect(Collectors.joining("\n"));
        String dlg = launcher.stream().map(SlurmScript::quote).collect(Collectors.joining(" "));
        return """
                #!/bin/bash
                # A DALiuGE graph on SLURM, written by `dlg slurm` (edit freely): one NodeManager per node (srun),
                # a DataIslandManager on the first node over them, the graph run once every NodeManager answers.
                # Exits with the session's outcome: 0 FINISHED, 1 FAILED or cancelled, 2 invalid graph.
                %s
                set -uo pipefail

                DLG=(%s)
                GRAPH=%s
                JOB_DIR=%s
                SESSION_ID=%s
                export NM_PORT=%d EVENT_PORT=%d RPC_PORT=%d DIM_PORT=%d

                mkdir -p "$JOB_DIR/logs"
                %s
                mapfile -t hosts < <(scontrol show hostnames "$SLURM_JOB_NODELIST")
                nodes=""
                for h in "${hosts[@]}"; do nodes+="${nodes:+,}$h:$NM_PORT:$EVENT_PORT:$RPC_PORT"; done
                echo "dlg job $SLURM_JOB_ID: NodeManagers on ${hosts[*]}, DataIslandManager on $(hostname):$DIM_PORT"

                # One NodeManager per node, node h's sessions in $JOB_DIR/h/workspace.
                srun --nodes="${#hosts[@]}" --ntasks="${#hosts[@]}" --ntasks-per-node=1 --kill-on-bad-exit=0 \\
                    --output="$JOB_DIR/logs/nm-%%N.out" \\
                    bash -c 'DLG_ROOT="$1/$SLURMD_NODENAME" exec "${@:2}" nm -H 0.0.0.0 -P "$NM_PORT" \\
                        --event_port "$EVENT_PORT" --rpc_port "$RPC_PORT" -l "$1/logs"' _ "$JOB_DIR" "${DLG[@]}" &
                nms_pid=$!
                # The DataIslandManager, here on the first node.
                DLG_ROOT="$JOB_DIR" "${DLG[@]}" dim -H 0.0.0.0 -P "$DIM_PORT" -N "$nodes" -l "$JOB_DIR/logs" \\
                    > "$JOB_DIR/logs/dim.out" 2>&1 &
                dim_pid=$!
                stop_managers() { # each NodeManager stops cleanly on POST /api/stop, and srun with them
                    kill "$dim_pid" 2>/dev/null
                    for h in "${hosts[@]}"; do
                        curl -fsS -m 10 "${CURL_AUTH[@]}" -X POST "http://$h:$NM_PORT/api/stop" > /dev/null 2>&1 || kill "$nms_pid" 2>/dev/null
                    done
                    wait
                }
                trap stop_managers EXIT

                # Waits until every NodeManager answers, runs the graph, waits for the session to end.
                "${DLG[@]}" submit -M "localhost:$DIM_PORT" --session-id "$SESSION_ID" "$GRAPH"
                status=$?
                echo "dlg job $SLURM_JOB_ID: session $SESSION_ID ended with exit status $status;" \\
                    "logs in $JOB_DIR/logs, sessions in $JOB_DIR/<node>/workspace/$SESSION_ID"
                exit $status
                """.formatted(sbatchLines, dlg, quote(graph.toString()), quote(jobDir.toString()), quote(sessionId),
                nmPort, eventPort, rpcPort, dimPort, secret ? SECRET : OPEN);
    }

    /**
     * The job's own secret, made where the script runs. The dlg processes take it from
     * {@code $DLG_AUTH_TOKEN} (srun passes the environment on; unlike a command line, another user
     * cannot read it in {@code ps}), curl from a header file; both files readable by their owner only.
     */
    private static final String SECRET = String.join("\n",
            "# This job's own secret: every manager demands it. dlg reads it from $DLG_AUTH_TOKEN (srun passes it on),",
            "# curl from a header file; both files are readable by you only.",
            "(umask 077; head -c 32 /dev/urandom | base64 | tr -d '\\n=' | tr '+/' '-_' > \"$JOB_DIR/auth-token\" &&",
            "    printf 'Authorization: Bearer %s\\n' \"$(cat \"$JOB_DIR/auth-token\")\" > \"$JOB_DIR/auth-header\")",
            "export DLG_AUTH_TOKEN=\"$(cat \"$JOB_DIR/auth-token\")\"",
            "CURL_AUTH=(-H \"@$JOB_DIR/auth-header\")");

    private static final String OPEN = String.join("\n",
            "# No secret (dlg slurm --no-auth): every manager is open to whoever reaches its ports.",
            "unset DLG_AUTH_TOKEN",
            "CURL_AUTH=()");

    /** A bash word that stands for {@code s} exactly. */
    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
