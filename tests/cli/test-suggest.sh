#!/bin/bash
# test-suggest.sh: gloss-cli suggest end to end (TAP)
#
# An invented wire story gets the rules' claim frames, kept in the project
# (never as annotations) and printed as text and JSON; --accept turns those
# scored high enough into annotations with their relations and provenance;
# a run again proposes nothing twice; a Label Studio ML backend (a small
# server written here in Python, speaking the protocol) plugs in with its
# URL, and one that is down is said plainly.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
TAP_NEEDS="sqlite3 python3"

. "$(dirname "$0")/tap.sh"

P=$TMP/desk.gloss
check "init" "$CLI" init "$P"
cat >"$TMP/cyber-heist.txt" <<'STORY'
SEOUL, Nov. 20 (Meridian) -- A defector told Meridian that Unit 414 stole 300 million dollars from exchanges in Asia.

"We moved the money through Mongolia," Nikolai Dorn said on Wednesday.
STORY
check "import the story" "$CLI" import "$P" "$TMP/cyber-heist.txt"

check "suggest with the rules" "$CLI" suggest "$P" --suggester rules
has "the claim is proposed" "$TMP/out" "CLAIM"
has "with its cue" "$TMP/out" "“told”"
is "suggestions are kept in their own table" \
  "$(sqlite3 "$P" 'SELECT count(*) > 5 FROM suggestions WHERE state = 0')" "1"
is "and are not annotations" "$(sqlite3 "$P" 'SELECT count(*) FROM annotations')" "0"

check "as JSON" "$CLI" suggest "$P" --suggester rules --json
cp "$TMP/out" "$TMP/suggest.json"
is "each frame refers to suggestions of the same document" "$(python3 - "$TMP/suggest.json" <<'PY'
import json, sys
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert len(docs) == 1 and docs[0]["document"] == "cyber-heist"
sugg = docs[0]["suggestions"]
ids = {s["id"]: s for s in sugg}
claims = [s for s in sugg if s["label"] == "CLAIM"]
told = [c for c in claims if ids.get(c["frame"]["cue"], {}).get("text") == "told"]
assert told, claims
claim = told[0]
assert claim["text"] == "Unit 414 stole 300 million dollars from exchanges in Asia", claim
assert ids[claim["frame"]["source"]]["text"] == "A defector"
assert claim["frame"]["attributes"]["certainty"] == "asserted"
assert all(0 <= s["score"] <= 1 and s["suggester"] == "rules" for s in sugg)
print("ok")
PY
)" "ok"
is "a run again keeps the same suggestions" \
  "$(sqlite3 "$P" 'SELECT count(*) FROM suggestions')" \
  "$(python3 -c "import json,sys; print(len(json.loads(open('$TMP/suggest.json').readline())['suggestions']))")"

check "accept those scored 0.8 or more as ana" \
  "$CLI" suggest "$P" --suggester rules --accept --min-score 0.8 --annotator ana
has "it says what it made" "$TMP/err" "as "
is "every accepted annotation is ana's and says where it came from" \
  "$(sqlite3 "$P" "SELECT count(*) = sum(annotator = 'ana' AND
                   json_extract(provenance, '\$.suggester') = 'rules') FROM annotations")" "1"
# a claim comes with its frame, whatever the score of its source and cue
is "those not in a frame scored 0.8 or more" \
  "$(sqlite3 "$P" "SELECT count(*) FROM annotations a WHERE
                   json_extract(provenance, '\$.score') < 0.8 AND NOT EXISTS
                   (SELECT 1 FROM relations r WHERE r.target = a.uuid)")" "0"
N_ACCEPTED=$(sqlite3 "$P" 'SELECT count(*) FROM annotations')
check "suggest again" "$CLI" suggest "$P" --suggester rules --json
is "what is annotated is no longer pending" "$(python3 - "$TMP/out" <<'PY'
import json, sys
doc = json.loads(open(sys.argv[1], encoding="utf-8").readline())
print(min([s["score"] for s in doc["suggestions"]] + [0]) < 0.8 and
      all(s["score"] < 0.8 for s in doc["suggestions"]))
PY
)" "True"
check "accept the rest" "$CLI" suggest "$P" --suggester rules --accept --annotator ana
is "claims come with their relations" \
  "$(sqlite3 "$P" "SELECT count(*) > 0 FROM relations WHERE type IN ('attributed-to', 'cue')")" "1"
is "nothing is left pending" "$("$CLI" suggest "$P" --suggester rules | wc -l)" "0"
refuse "an unknown suggester is refused" "$CLI" suggest "$P" --suggester crystal-ball
has "saying so" "$TMP/err" "crystal-ball"
refuse "an HTTP suggester needs its URL" "$CLI" suggest "$P" --suggester ls-backend
has "saying so" "$TMP/err" "address"

# ---- a Label Studio ML backend -------------------------------------------
PORT_FILE=$TMP/port
python3 - "$PORT_FILE" >"$TMP/backend.log" 2>&1 <<'PY' &
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Backend(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.reply({"status": "UP", "model_class": "TestNER"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path == "/setup":
            self.reply({"model_version": "test-1"})
            return
        results = []
        for task in body["tasks"]:
            text = task["data"]["text"]
            result = []
            for word, label in (("Mongolia", "GPE"), ("Meridian", "ORG")):
                start = text.find(word)
                result.append({"from_name": "label", "to_name": "text", "type": "labels",
                               "value": {"start": start, "end": start + len(word),
                                         "text": word, "labels": [label]},
                               "score": 0.93})
            results.append({"result": result, "score": 0.9, "model_version": "test-1"})
        self.reply({"results": results})

server = HTTPServer(("127.0.0.1", 0), Backend)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
SERVER=$!
for _ in $(seq 50); do [ -s "$PORT_FILE" ] && break; sleep 0.1; done
PORT=$(cat "$PORT_FILE")
check "a Label Studio ML backend plugs in with its URL" \
  "$CLI" suggest "$P" --suggester ls-backend --url "http://127.0.0.1:$PORT"
has "its entities are proposed" "$TMP/out" "GPE"
is "with the backend's name and score" \
  "$(sqlite3 "$P" "SELECT suggester || ' ' || score FROM suggestions WHERE label = 'GPE'")" \
  "ls-backend 0.93"

# ---- the project keeps its suggesters' settings --------------------------
check "--set keeps the backend's address in the project" \
  "$CLI" suggest "$P" --set "ls-backend.url=http://127.0.0.1:$PORT" --suggester rules
is "as a project setting" \
  "$(sqlite3 "$P" "SELECT value FROM project WHERE key = 'suggest.ls-backend.url'")" \
  "http://127.0.0.1:$PORT"
sqlite3 "$P" "DELETE FROM suggestions WHERE suggester = 'ls-backend'"
check "then the project's suggesters run with no option" "$CLI" suggest "$P"
is "the backend among them, by the address kept" \
  "$(sqlite3 "$P" "SELECT count(*) FROM suggestions WHERE suggester = 'ls-backend'")" "2"
refuse "--set refuses a setting a suggester does not take" \
  "$CLI" suggest "$P" --set "rules.url=http://example.invalid"
has "naming it" "$TMP/err" "url"
refuse "--set refuses what is not NAME.KEY=VALUE" "$CLI" suggest "$P" --set "openai"
printf 'sk-test-123\n' >"$TMP/key"
check "a key file is kept by its path only" \
  "$CLI" suggest "$P" --set "openai.key-file=$TMP/key" --suggester rules
is "and no key is in the project" \
  "$(sqlite3 "$P" "SELECT count(*) FROM project WHERE key LIKE 'suggest.%' AND value LIKE '%sk-%'")" "0"

kill $SERVER
wait $SERVER 2>/dev/null
refuse "a backend that is down is an error" \
  "$CLI" suggest "$P" --suggester ls-backend --url "http://127.0.0.1:$PORT"
has "said plainly, naming it" "$TMP/err" "127.0.0.1:$PORT"
refuse "and so is the project's own backend, down" "$CLI" suggest "$P"
check "until it is switched off" "$CLI" suggest "$P" --set ls-backend.enabled=false

tap_finish
