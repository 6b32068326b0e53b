# bash completion for phonesweep: commands, then each command's options; files for the
# options that take one. Installed to share/bash-completion/completions/phonesweep.
_phonesweep() {
  local cur prev words cword
  _init_completion 2>/dev/null || { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; }
  local commands="scan report runs merge prune discover fix history"
  local command="" word
  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case " $commands " in *" $word "*) command=$word; break ;; esac
  done
  case $prev in
    --inventory|--db|--password-file|--cacert|--html|--csv|--site-csv|--ndjson|--manager-csv|--cause-csv|--metrics-file|--config|--output|-o|--bat|--manual-csv|--axl-password-file)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
    --inventory-format) COMPREPLY=($(compgen -W "auto csv json ndjson" -- "$cur")); return ;;
  esac
  local options
  case $command in
    scan) options="--help --inventory --targets --inventory-format --cucm-discover --discover-name --phone-port --risport-rate --shard --strict --max-targets --db --user --password-env --password-file --cucm --canary-device --max-failed-logons --concurrency --auth-concurrency --auth-rate --timeout --connect-timeout --dns-server --quiet --progress-every --axl --axl-user --axl-password-env --end-user --cacert --insecure --proxy --log-format --ndjson --resume --only-failed --metrics-file --notify-url --notify-report --notify-retries --notify-backoff --notify-timeout --dry-run" ;;
    report) options="--help --db --run --html --csv --site-csv --ndjson --manager-csv --cause-csv --excel --against --log-format" ;;
    history) options="--help --db --last --json --log-format" ;;
    runs) options="--help --db --json --log-format" ;;
    merge) options="--help --output --quiet --log-format" ;;
    prune) options="--help --db --keep --log-format" ;;
    discover) options="--help --cucm --user --password-env --password-file --output --cacert --insecure --proxy --name --phone-port --risport-rate --risport-batch --axl-page --axl-version --quiet --log-format" ;;
    fix) options="--help --db --run --axl --axl-user --axl-password-env --axl-password-file --cacert --insecure --proxy --axl-version --end-user --apply --max-age --batch --bat --manual-csv --undo --verify --password-env --password-file --cucm --quiet --log-format" ;;
    *) COMPREPLY=($(compgen -W "$commands --config --version --help" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$options" -- "$cur"));
  elif [[ $command == merge ]]; then COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -F _phonesweep phonesweep
