#!/bin/sh
# Fills corpus/<target>/ with the real inputs: every source file of sources/ and tests/fixtures/
# (its kind as the first byte), the prose of their multi-line strings, and every values file.
# Run from the repository's root or from fuzz/: `fuzz/seed.sh`.
set -eu
cd "$(dirname "$0")"
root=..
mkdir -p corpus/source_file corpus/fmt corpus/markdown corpus/values
n=0
find "$root/sources" "$root/tests/fixtures" -name '*.toml' | sort | while read -r file; do
    n=$((n + 1))
    case "$(basename "$file")" in
        parties.toml) kind='\000' ;;
        kolada.toml) kind='\001' ;;
        document.toml) kind='\002' ;;
        goals.toml) kind='\003' ;;
        members.toml) kind='\004' ;;
        groups.toml) kind='\005' ;;
        appendices.toml) kind='\006' ;;
        *) continue ;;
    esac
    for target in source_file fmt; do
        { printf "$kind"; cat "$file"; } > "corpus/$target/seed-$n"
    done
    # Each multi-line string is one piece of prose; the first byte chooses the options.
    awk -v out="corpus/markdown/seed-$n" 'BEGIN { RS = "\"\"\"" } NR % 2 == 0 {
        printf "\001%s", $0 > (out "-" NR); close(out "-" NR) }' "$file"
done
find "$root/sources" "$root/tests/fixtures" -name '*.json' | sort | while read -r file; do
    cp "$file" "corpus/values/seed-$(echo "$file" | cksum | cut -d' ' -f1)"
done
for target in source_file fmt markdown values; do
    echo "corpus/$target: $(ls "corpus/$target" | wc -l) inputs"
done
