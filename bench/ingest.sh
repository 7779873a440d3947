#!/usr/bin/env bash
# Whole-process benchmark of `sitrep extract` and `sitrep ingest` on a generated corpus.
#
# Usage (from the repository root, after `cargo build --release`):
#   bench/ingest.sh [--articles N] [--article-bytes B] [--jobs J] [--bin PATH] [--keep]
#
# It builds a corpus of N articles (default 20,000) as JSON Lines from the sample
# articles in samples/articles/, varying dates, numbers and place names so that every
# text is unique. Each article is a sample followed by closing paragraphs of other
# samples in its language until it holds about B bytes (default 3000, spread over
# 0.85 B to 1.15 B); `--article-bytes 0` adds only one or two paragraphs (about 2.3 KB).
# Then it times three runs with /usr/bin/time -v:
#   1. sitrep extract corpus.jsonl > /dev/null
#   2. sitrep ingest corpus.jsonl --db fresh.db      (every article stored)
#   3. sitrep ingest corpus.jsonl --db fresh.db      (again: every article a duplicate)
# and prints wall seconds, articles per second, CPU seconds, articles per CPU second
# and peak resident memory. `--jobs J` passes `--jobs J` to sitrep (default: its own
# choice, one thread per core).
set -euo pipefail

articles=20000
article_bytes=3000
jobs=
bin=target/release/sitrep
keep=0

usage() {
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
        --articles)
            [ $# -ge 2 ] || { echo "error: --articles needs a number" >&2; exit 2; }
            articles="$2"
            shift 2
            ;;
        --articles=*)
            articles="${1#*=}"
            shift
            ;;
        --article-bytes)
            [ $# -ge 2 ] || { echo "error: --article-bytes needs a number" >&2; exit 2; }
            article_bytes="$2"
            shift 2
            ;;
        --article-bytes=*)
            article_bytes="${1#*=}"
            shift
            ;;
        --jobs)
            [ $# -ge 2 ] || { echo "error: --jobs needs a number" >&2; exit 2; }
            jobs="$2"
            shift 2
            ;;
        --jobs=*)
            jobs="${1#*=}"
            shift
            ;;
        --bin)
            [ $# -ge 2 ] || { echo "error: --bin needs a path" >&2; exit 2; }
            bin="$2"
            shift 2
            ;;
        --keep)
            keep=1
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "error: unknown argument \`$1\` (see --help)" >&2
            exit 2
            ;;
    esac
done

case "$articles" in
    '' | *[!0-9]* | 0)
        echo "error: --articles wants a positive whole number, not \`$articles\`" >&2
        exit 2
        ;;
esac

case "$article_bytes" in
    '' | *[!0-9]*)
        echo "error: --article-bytes wants a whole number, not \`$article_bytes\`" >&2
        exit 2
        ;;
esac
case "$jobs" in
    '') ;;
    *[!0-9]* | 0)
        echo "error: --jobs wants a positive whole number, not \`$jobs\`" >&2
        exit 2
        ;;
esac
jobs_args=()
if [ -n "$jobs" ]; then
    jobs_args=(--jobs "$jobs")
fi

if [ ! -d samples/articles ]; then
    echo "error: no \`samples/articles\` here: run this from the repository root" >&2
    exit 2
fi
if [ ! -x "$bin" ]; then
    echo "error: no sitrep binary at \`$bin\`: run \`cargo build --release\` first" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (Debian package \`time\`)" >&2
    if [ "$(id -u)" -eq 0 ]; then
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    else
        sudo apt-get install -y time >/dev/null
    fi
fi
command -v python3 >/dev/null || { echo "error: python3 is needed to build the corpus" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/sitrep-bench.XXXXXX")"
if [ "$keep" -eq 1 ]; then
    echo "keeping the corpus and databases in \`$work\`" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
corpus="$work/corpus.jsonl"

echo "building a corpus of $articles articles..." >&2
corpus_info=$(python3 - "$articles" samples/articles "$corpus" "$article_bytes" <<'PY'
import datetime
import json
import pathlib
import random
import re
import sys

count = int(sys.argv[1])
samples = pathlib.Path(sys.argv[2])
out = pathlib.Path(sys.argv[3])
target = int(sys.argv[4])

# The reader's `date` token: `date YYYY[-MM[-DD]]` then whitespace, at the start.
DATE_TOKEN = re.compile(r"\s*date[ \t]+\d{4}(?:-\d{2}){0,2}(?:\s+|$)")

bodies = []
for path in sorted(samples.glob("*.txt")):
    raw = path.read_text(encoding="utf-8")
    match = DATE_TOKEN.match(raw)
    body = raw[match.end():] if match else raw
    lang = path.name.split("_")[1] if path.name.count("_") >= 2 else "?"
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    bodies.append((path.stem, lang, body.rstrip("\n"), paragraphs))
if not bodies:
    sys.exit(f"no .txt articles in {samples}")

# Real towns the samples name, swapped for one another in rotation.
NAMED = ["Mosul", "Mossoul", "Kirkuk", "Erbil", "Gao", "Kidal", "Mogadishu", "Kabul",
         "Aden", "Idlib", "Aleppo", "Alep", "Kharkiv", "Goma", "Baidoa", "Djibo", "Ansongo",
         "Marib", "Kaduna", "Sanaa", "Bagdad", "Baghdad", "Damas", "Damascus", "Beyrouth"]
TOWNS = ["Mosul", "Kirkuk", "Erbil", "Gao", "Kidal", "Mogadishu", "Kabul", "Aden", "Idlib",
         "Aleppo", "Kharkiv", "Goma", "Tikrit", "Kismayo", "Kandahar", "Taiz", "Homs",
         "Kherson", "Beni", "Timbuktu"]
PLACE = re.compile(r"\b(" + "|".join(NAMED) + r")\b")
DIGITS = re.compile(r"\d+")
EPOCH = datetime.date(2018, 1, 1)


def vary(n, rng, stem, lang, body):
    shift = rng.randrange(len(TOWNS))
    text = PLACE.sub(lambda m: TOWNS[(NAMED.index(m.group(1)) + shift) % len(TOWNS)], body)

    def number(m):
        digits = m.group(0)
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return str(rng.randint(2012, 2025))
        if len(digits) == 1:
            return str(rng.randint(2, 9))
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    text = DIGITS.sub(number, text)
    others = [b for b in bodies if b[1] == lang and b[0] != stem and len(b[3]) > 1]
    if not others:
        return text
    if target == 0:
        # One or two closing paragraphs from other samples of the same language, so
        # that sizes spread over about 2 to 3 KB.
        for _ in range(1 + n % 2):
            extra = others[rng.randrange(len(others))][3][-1]
            text += "\n\n" + DIGITS.sub(number, extra)
        return text
    # Closing paragraphs of other samples of the same language until the article holds
    # about `target` bytes (0.85 to 1.15 times it).
    want = target * (0.85 + 0.3 * rng.random())
    while len(text.encode("utf-8")) < want:
        paragraphs = others[rng.randrange(len(others))][3][1:]
        extra = paragraphs[rng.randrange(len(paragraphs))]
        text += "\n\n" + DIGITS.sub(number, extra)
    return text


seen = set()
total = 0
with out.open("w", encoding="utf-8") as f:
    for n in range(count):
        stem, lang, body, _ = bodies[n % len(bodies)]
        for attempt in range(20):
            rng = random.Random(n * 7919 + attempt)
            text = vary(n, rng, stem, lang, body)
            if text not in seen:
                break
        else:
            text += f"\n\n(Report {n}.)"
        seen.add(text)
        published = EPOCH + datetime.timedelta(days=rng.randrange(2500))
        line = json.dumps({"id": f"{stem}-{n:06d}", "published": published.isoformat(),
                           "text": text}, ensure_ascii=False)
        f.write(line + "\n")
        total += len(text.encode("utf-8"))
print(f"corpus: {count} articles, {total / 1e6:.1f} MB of text, "
      f"{total / count:.0f} bytes per article on average")
PY
)
echo "$corpus_info" >&2

# Runs a command under /usr/bin/time -v, its output to /dev/null; sets wall, cpu,
# rss_mb and summary (sitrep's closing line on standard error).
measure() {
    local name="$1"
    shift
    local log="$work/$name.time" err="$work/$name.err"
    local start end status=0
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$err" || status=$?
    end=$(date +%s.%N)
    if [ "$status" -ne 0 ]; then
        echo "error: \`$*\` exited with $status:" >&2
        cat "$err" >&2
        exit 1
    fi
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$log")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
    summary=$(grep ' articles read, ' "$err" | tail -n 1 || true)
}

rows=()
row() {
    local label="$1"
    local rate
    rate=$(awk -v n="$articles" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')
    local per_cpu
    per_cpu=$(awk -v n="$articles" -v c="$cpu" 'BEGIN { printf "%.0f", (c > 0 ? n / c : 0) }')
    rows+=("$(printf '%-32s %8s %11s %8s %13s %10s' "$label" "$wall" "$rate" "$cpu" "$per_cpu" "$rss_mb")")
    echo "  $label: $summary" >&2
}

echo "timing \`$bin\` (release build assumed)..." >&2
measure extract "$bin" extract "${jobs_args[@]}" "$corpus"
row "extract"
measure ingest "$bin" ingest "${jobs_args[@]}" "$corpus" --db "$work/fresh.db"
row "ingest, fresh db"
measure reingest "$bin" ingest "${jobs_args[@]}" "$corpus" --db "$work/fresh.db"
row "ingest again (all duplicates)"

echo
echo "sitrep $("$bin" --version | awk '{ print $2 }'), $(nproc) cores, $(uname -m)${jobs:+, --jobs $jobs}"
echo "$corpus_info"
printf '%-32s %8s %11s %8s %13s %10s\n' "run" "wall s" "articles/s" "cpu s" "articles/cpu-s" "peak MB"
for r in "${rows[@]}"; do
    echo "$r"
done
