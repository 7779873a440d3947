#!/usr/bin/env python3
"""Check samples/gold.jsonl against shared/spec/gold-format.md and the sample articles.

Usage: python3 samples/check_gold.py [path/to/gold.jsonl]

Prints one line per problem and a table of articles with their incident counts;
exits 1 when any problem was found.
"""

import datetime
import json
import re
import sys
from pathlib import Path

TYPES = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
    "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other",
}
WEAPONS = {
    "rocket", "mortar", "artillery", "missile", "drone", "aircraft", "ied", "vbied",
    "suicide_vest", "firearm", "grenade", "explosive", "unknown",
}
STATUSES = {"claimed", "stated", "attributed", "suspected", "unknown"}
PRECISIONS = {"site", "town", "admin1", "country"}
RELS = {"retaliation_for", "response_to"}
ARTICLE_FIELDS = {"id", "lang", "published", "incidents"}
INCIDENT_FIELDS = {
    "key", "incident", "type", "type_also", "background", "date", "location", "perpetrator",
    "target", "weapon", "quantity", "killed", "wounded", "claimed",
}
NAME_RE = re.compile(r"^(\d{2})_(fr|en)_[a-z0-9_]+$")
PUBLISHED_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def iso_day(value):
    """The date for a `YYYY-MM-DD` string, or None when it is not one."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def check_count(where, name, count, problems):
    if count is None:
        return
    if not isinstance(count, dict):
        problems.append(f"{where}: {name} is not an object or null")
        return
    lo, hi = count.get("min"), count.get("max")
    if not isinstance(lo, int) or lo < 0:
        problems.append(f"{where}: {name}.min {lo!r} is not a non-negative integer")
        return
    if hi is not None and (not isinstance(hi, int) or hi < lo):
        problems.append(f"{where}: {name}.max {hi!r} is not an integer >= min {lo}")
    by_source = count.get("by_source")
    if by_source is not None:
        values = list(by_source.values()) if isinstance(by_source, dict) else []
        if len(values) < 2 or not all(isinstance(v, int) for v in values):
            problems.append(f"{where}: {name}.by_source needs two or more integer figures")
        elif len(set(values)) < 2:
            problems.append(f"{where}: {name}.by_source figures do not disagree")
        elif lo != min(values) or hi != max(values):
            problems.append(f"{where}: {name} {lo}..{hi} does not span by_source {values}")


def check_incident(where, inc, problems):
    missing = INCIDENT_FIELDS - inc.keys()
    if missing:
        problems.append(f"{where}: missing fields {sorted(missing)}")
        return
    if inc["type"] not in TYPES:
        problems.append(f"{where}: type {inc['type']!r} is not an ACLED sub-event type")
    for extra in inc["type_also"]:
        if extra not in TYPES or extra == inc["type"]:
            problems.append(f"{where}: type_also {extra!r} is unknown or repeats type")
    for flag in ("background", "optional"):
        if flag in inc and not isinstance(inc[flag], bool):
            problems.append(f"{where}: {flag} is not a boolean")
    date = inc["date"]
    start, end = date.get("start"), date.get("end")
    if (start is None) != (end is None):
        problems.append(f"{where}: date has only one bound")
    if start is not None:
        d0, d1 = iso_day(start), iso_day(end)
        if d0 is None or d1 is None:
            problems.append(f"{where}: date bounds {start!r}..{end!r} are not ISO days")
        elif d0 > d1:
            problems.append(f"{where}: date start {start} is after end {end}")
        elif "true" in date:
            t = iso_day(date["true"])
            if t is None or not d0 <= t <= d1:
                problems.append(f"{where}: date.true {date['true']!r} outside {start}..{end}")
    elif "true" in date and iso_day(date["true"]) is None:
        problems.append(f"{where}: date.true {date['true']!r} is not an ISO day")
    location = inc["location"]
    if location is not None:
        if location.get("precision") not in PRECISIONS:
            problems.append(f"{where}: location precision {location.get('precision')!r}")
        if not re.fullmatch(r"[A-Z]{2}", str(location.get("country"))):
            problems.append(f"{where}: country {location.get('country')!r} is not ISO alpha-2")
        lat, lon = location.get("lat"), location.get("lon")
        if (lat is None) != (lon is None):
            problems.append(f"{where}: only one of lat/lon is given")
        elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(f"{where}: coordinates {lat},{lon} out of range")
        if lat is None and location.get("precision") in ("site", "town"):
            problems.append(f"{where}: {location.get('precision')} precision without coordinates")
    perpetrator = inc["perpetrator"]
    if perpetrator is not None:
        status = perpetrator.get("status")
        if status not in STATUSES:
            problems.append(f"{where}: perpetrator status {status!r}")
        if (status == "unknown") != (perpetrator.get("name") is None):
            problems.append(f"{where}: perpetrator name must be null exactly when unknown")
        if status == "claimed" and inc["claimed"] is not True:
            problems.append(f"{where}: status claimed but claimed is {inc['claimed']!r}")
        if inc["claimed"] is True and status != "claimed":
            problems.append(f"{where}: claimed true but status is {status!r}")
    if inc["claimed"] not in (True, False, None):
        problems.append(f"{where}: claimed {inc['claimed']!r} is not a boolean or null")
    if inc["weapon"] is not None and inc["weapon"] not in WEAPONS:
        problems.append(f"{where}: weapon {inc['weapon']!r} is not in the vocabulary")
    for name in ("quantity", "killed", "wounded"):
        check_count(where, name, inc[name], problems)


def main():
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("gold.jsonl")
    root = gold.parent
    problems = []
    keys = {}
    incident_owners = {}
    rows = []
    langs = {"fr": 0, "en": 0}
    for lineno, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        try:
            article = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"line {lineno}: not JSON: {err}")
            continue
        where = f"line {lineno}"
        missing = ARTICLE_FIELDS - article.keys()
        if missing:
            problems.append(f"{where}: missing article fields {sorted(missing)}")
            continue
        aid = article["id"]
        where = f"{aid}"
        match = NAME_RE.match(aid)
        if not match or match.group(2) != article["lang"]:
            problems.append(f"{where}: id does not follow NN_lang_slug or disagrees with lang")
        langs[article["lang"]] = langs.get(article["lang"], 0) + 1
        if article.get("file") != f"articles/{aid}.txt":
            problems.append(f"{where}: file {article.get('file')!r} is not articles/{aid}.txt")
        path = root / article.get("file", "")
        if not path.is_file():
            problems.append(f"{where}: article file {path} does not exist")
            text = ""
        else:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
            if not 1500 <= len(raw) <= 3500:
                problems.append(f"{where}: article is {len(raw)} bytes, not 1.5 to 3.5 KB")
        first = text.split("\n", 1)[0]
        token = re.match(r"^date (\S+)", first)
        published = article["published"]
        if published is not None and not PUBLISHED_RE.match(published):
            problems.append(f"{where}: published {published!r} is not YYYY[-MM[-DD]]")
        if (token.group(1) if token else None) != published:
            problems.append(f"{where}: date token {first!r} disagrees with published {published!r}")
        local_keys = set()
        for inc in article["incidents"]:
            key = inc.get("key", "?")
            iwhere = f"{aid}/{key}"
            if key in keys:
                problems.append(f"{iwhere}: key also used in {keys[key]}")
            keys[key] = aid
            local_keys.add(key)
            owner = incident_owners.setdefault(inc.get("incident"), [])
            if aid in owner:
                problems.append(f"{iwhere}: incident {inc.get('incident')!r} twice in one article")
            owner.append(aid)
            check_incident(iwhere, inc, problems)
        for inc in article["incidents"]:
            for link in inc.get("related", []):
                if link.get("rel") not in RELS or link.get("key") not in local_keys:
                    problems.append(f"{aid}/{inc['key']}: bad related link {link!r}")
        if not article["incidents"] and not article.get("non_events"):
            problems.append(f"{where}: no incidents and no non_events")
        rows.append((aid, article["lang"], published, article["incidents"]))
    for lang in ("fr", "en"):
        if langs.get(lang, 0) < 8:
            problems.append(f"only {langs.get(lang, 0)} {lang} articles, 8 wanted")
    shared = {k: v for k, v in incident_owners.items() if len(v) > 1}

    print(f"{'article':40} {'lang':4} {'published':10} {'news':>4} {'bg':>3} {'opt':>3} {'all':>3}")
    for aid, lang, published, incidents in rows:
        news = sum(1 for i in incidents if not i.get("background"))
        background = sum(1 for i in incidents if i.get("background"))
        optional = sum(1 for i in incidents if i.get("optional"))
        print(f"{aid:40} {lang:4} {str(published):10} {news:4} {background:3} {optional:3} "
              f"{len(incidents):3}")
    total = sum(len(r[3]) for r in rows)
    print(f"{len(rows)} articles, {total} incidents; shared incident values: "
          + ", ".join(f"{k} ({' + '.join(v)})" for k, v in sorted(shared.items())))
    for problem in problems:
        print("problem:", problem)
    print("ok" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
