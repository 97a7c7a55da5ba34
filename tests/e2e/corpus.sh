#!/usr/bin/env bash
# corpus.sh: every template and ASL file of tests/corpus (MANIFEST.tsv) through `sfnviz render`.
# - `render -f json` exits 0 when every machine is drawable, else 2 with a `file:line` message;
# - each machine's status follows the MANIFEST form column: MISSING-FILE -> missing, S3 forms -> s3,
#   `none` (a StateMachine resource without any definition) -> error, everything else -> ok;
# - an ok machine has the MANIFEST state count (states column, `+`-separated per machine, `?` = no count);
# - every ok machine renders to DOT (accepted by `dot`), SVG (well-formed XML naming every state of the
#   JSON export in a tooltip) and PNG (PNG magic);
# - the file that does not parse (PARSE-ERROR) exits 2 with `file:line:col: error:`.
# Files run two at a time.
source "$(dirname "$0")/lib.sh"

# expected_status FORM: the status a machine of that MANIFEST form must get.
expected_status() {
  case $1 in
    *MISSING-FILE*) echo missing ;;
    *S3* | *s3*) echo s3 ;;
    none) echo error ;;
    *) echo ok ;;
  esac
}

# one_file N PATH FORM STATES NOTES: all checks of one corpus file.
one_file() {
  local n=$1 path=$2 form=$3 states=$4 notes=$5
  local f=$CORPUS/$path base
  base=$(basename "$path")
  local w=$WORK/f$n
  mkdir -p "$w/svg" "$w/png"
  # shellcheck disable=SC2034 # run and the expect_* helpers read these
  local OUT=$w/json ERR=$w/err RC

  run render "$f" -f json
  cp "$OUT" "$w/export.json" # later runs write over $OUT
  if [[ $notes == PARSE-ERROR* ]]; then
    expect_rc "$path: a file that does not parse" 2
    expect_err "$path: a parse error is reported as file:line:col: error:" "$base:[0-9]+:[0-9]+: error: "
    return
  fi
  if ((RC > 2)); then
    fail "$path: render -f json crashed or timed out (exit $RC; stderr: $(said))"
    return
  fi

  local -a forms want counts
  if [[ $form == none ]]; then forms=(none); else IFS=';' read -ra forms <<<"$form"; fi
  IFS='+' read -ra counts <<<"$states"
  local i all_ok=1
  for i in "${!forms[@]}"; do
    want[i]=$(expected_status "${forms[i]}")
    [[ ${want[i]} == ok ]] || all_ok=0
  done

  if ((all_ok)); then
    expect_rc "$path: render -f json with every machine drawable" 0
  else
    expect_rc "$path: render -f json with a machine that cannot be drawn (${want[*]})" 2
    expect_err "$path: exit 2 says which file and line" "$base:[0-9]+"
  fi

  local got
  got=$(json "$OUT" '[m["id"] + "\t" + str(m["status"]) + "\t" + str(len(m.get("states") or [])) for m in d["machines"]]')
  if [[ $got == *ERROR:* ]]; then
    fail "$path: -f json output is not JSON: $got"
    return
  fi
  local -a ids=() st=() cnt=()
  local id s c
  while IFS=$'\t' read -r id s c; do
    ids+=("$id") st+=("$s") cnt+=("$c")
  done <<<"$got"
  [[ -z $got ]] && ids=() st=() cnt=()
  if [[ ${#ids[@]} != "${#forms[@]}" ]]; then
    fail "$path: ${#ids[@]} machines (${ids[*]}), MANIFEST lists ${#forms[@]} ($form)"
    return
  fi
  pass

  local -a good=()
  for i in "${!ids[@]}"; do
    if [[ ${st[i]} != "${want[i]}" ]]; then
      fail "$path: machine ${ids[i]} has status ${st[i]}, expected ${want[i]} (form ${forms[i]})"
      continue
    fi
    pass
    [[ ${st[i]} == ok ]] || continue
    good+=("${ids[i]}")
    if [[ ${counts[i]:-?} != "?" ]]; then
      if [[ ${cnt[i]} == "${counts[i]}" ]]; then pass; else
        fail "$path: machine ${ids[i]} has ${cnt[i]} states, MANIFEST says ${counts[i]}"
      fi
    fi
  done
  ((${#good[@]})) || return

  local -a sel=()
  for id in "${good[@]}"; do sel+=(-m "$id"); done

  run render "$f" -f dot "${sel[@]}" -o "$w/all.dot"
  expect_rc "$path: render -f dot" 0
  if [[ $RC == 0 ]]; then
    if dot_ok "$w/all.dot"; then pass; else
      fail "$path: dot -Tsvg refuses the DOT: $(head -c 200 "$w/all.dot.err" | tr '\n' ' ')"
    fi
    local graphs
    graphs=$(grep -cE '^[[:space:]]*(strict[[:space:]]+)?digraph' "$w/all.dot")
    if [[ $graphs == "${#good[@]}" ]]; then pass; else
      fail "$path: DOT holds $graphs digraphs for ${#good[@]} machines"
    fi
  fi

  local fmt
  for fmt in svg png; do
    run render "$f" -f "$fmt" "${sel[@]}" -o "$w/$fmt/"
    expect_rc "$path: render -f $fmt -o DIR/" 0
    [[ $RC == 0 ]] || continue
    for id in "${good[@]}"; do
      local out
      out=$(out_file "$w/$fmt" "$id" "$fmt")
      if [[ ! -e $out ]]; then
        fail "$path: -o DIR/ did not write $(basename "$out") (wrote: $(ls "$w/$fmt" | tr '\n' ' '))"
      elif [[ $fmt == svg ]]; then
        check "$path: $(basename "$out") is well-formed SVG" is_svg "$out"
        local unnamed
        unnamed=$(svg_names "$out" "$w/export.json" "$id" 2>&1)
        if [[ -z $unnamed ]]; then pass; else
          fail "$path: $(basename "$out") does not name these states: $(echo "$unnamed" | head -3 | tr '\n' ' ')"
        fi
      else
        check "$path: $(basename "$out") starts with the PNG signature" is_png "$out"
      fi
    done
  done
  rm -rf "$w"
}

jobs_max=${SFNVIZ_E2E_JOBS:-2}
n=0
while IFS=$'\t' read -r _ path role form states _ _ notes _; do
  [[ $role == template || $role == asl ]] || continue
  n=$((n + 1))
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n; done
  one_file "$n" "$path" "$form" "$states" "$notes" </dev/null &
done < <(tail -n +2 "$CORPUS/MANIFEST.tsv")
wait

# Timing is measured in bench/corpus.sh, never here.
echo "corpus: $n files"
finish
