# Finds a JDK 25 (Java 25 LTS) for dlg's scripts. Source it, then: java_home=$(dlg_find_jdk) || exit 1
# Looks at DLG_JAVA_HOME, JAVA_HOME, JAVA25_HOME, the java on PATH, then the usual install places.

DLG_JAVA_RELEASE=25

# Prints the feature release of the JDK at $1 (e.g. 25), or nothing.
dlg_jdk_release() {
    local home=$1 v
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -f "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    fi
    printf '%s' "$v"
}

dlg_find_jdk() {
    local candidates=() c v
    [ -n "${DLG_JAVA_HOME:-}" ] && candidates+=("$DLG_JAVA_HOME")
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    [ -n "${JAVA25_HOME:-}" ] && candidates+=("$JAVA25_HOME")
    if command -v java >/dev/null 2>&1; then
        c=$(readlink -f "$(command -v java)" 2>/dev/null) && candidates+=("${c%/bin/java}")
    fi
    for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
             "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$c" ] && candidates+=("$c")
    done
    for c in "${candidates[@]}"; do
        v=$(dlg_jdk_release "$c")
        if [ -n "$v" ] && [ "$v" -ge "$DLG_JAVA_RELEASE" ] 2>/dev/null; then
            printf '%s\n' "$c"
            return 0
        fi
    done
    {
        echo "dlg needs a JDK $DLG_JAVA_RELEASE (Java $DLG_JAVA_RELEASE LTS) and found none."
        echo "Looked at DLG_JAVA_HOME, JAVA_HOME, JAVA25_HOME, the java on PATH, /usr/lib/jvm, /usr/java,"
        echo "/opt/java, ~/.sdkman and ~/.jdks. Install one (e.g. Eclipse Temurin 25) or set JAVA_HOME to it."
    } >&2
    return 1
}
