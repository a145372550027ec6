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
