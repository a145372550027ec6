# Sourced by es-up.sh and es-down.sh: where the node's files live.
# ES_BASE wins; otherwise .es/ in the checkout — unless we run as root and some folder above the
# checkout keeps others out (a clone under /root, say): the unprivileged node user could not reach
# its own files there, so they go to /var/lib/vanban-es instead.
es_base() {
    local root="$1" dir perms
    if [ -n "${ES_BASE:-}" ]; then echo "$ES_BASE"; return; fi
    if [ "$(id -u)" = 0 ]; then
        dir="$root"
        while [ "$dir" != "/" ]; do
            perms="$(stat -c %a "$dir")"
            if (( (${perms: -1} & 1) == 0 )); then echo /var/lib/vanban-es; return; fi
            dir="$(dirname "$dir")"
        done
    fi
    echo "$root/.es"
}

# For make test and make bench: point VANBAN_ES_URL at a node on 127.0.0.1:$ES_PORT, starting one
# with es-up.sh when none answers. ES_STARTED=1 says this call started it (the caller stops it);
# a node that was already answering (`make es-up`) is used and left running. Fails when none can
# be had; an already set VANBAN_ES_URL is kept as it is.
use_local_es() {
    local root="$1" url="http://127.0.0.1:${ES_PORT:-9200}"
    ES_STARTED=0
    [ -n "${VANBAN_ES_URL:-}" ] && return 0
    if curl -fsS -m 5 "$url/_cluster/health" >/dev/null 2>&1; then
        export VANBAN_ES_URL="$url"
        return 0
    fi
    url="$(bash "$root/scripts/es-up.sh")" || return 1
    export VANBAN_ES_URL="$url"
    ES_STARTED=1
}
