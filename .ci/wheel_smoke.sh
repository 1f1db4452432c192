#!/usr/bin/env bash
# Builds the wheel, installs it into a fresh virtual environment and uses it from a folder
# outside the checkout, as a facilitator would after `pipx install`: version, validate by id,
# a scripted terminal game through a pipe, role packs, debriefs, class reports and the replay
# window (dummy video driver) - including for a scenario that exists only inside a game log.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

python3 -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$repo" >/dev/null
wheel="$(ls "$work"/dist/faultlines-*.whl)"
echo "wheel: $(basename "$wheel")"
python3 - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
tops = sorted({n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")})
assert tops == ["faultlines"], f"the wheel must install one package, faultlines; it has {tops}"
for need in ("faultlines/scenarios/elm.yaml", "faultlines/assets/theme.json",
             "faultlines/assets/fonts/Inter-Regular.otf", "faultlines/assets/fonts/LICENSE-Inter.txt",
             "faultlines/__main__.py"):
    assert need in names, f"the wheel lacks {need}"
assert any(n.endswith("licenses/LICENSE") for n in names), "the wheel lacks LICENSE"
print(f"wheel contents: {len(names)} files, one top-level package")
PY

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$wheel"
fl="$work/venv/bin/faultlines"
py="$work/venv/bin/python"
mkdir -p "$work/elsewhere" && cd "$work/elsewhere"
export FAULTLINES_HOME="$work/home_a"

"$fl" --version
"$py" -m faultlines --version
"$fl" validate elm
"$fl" scenarios

# A full scripted terminal game through a pipe, to its outcome.
printf '1 1\n%.0s' 1 > moves.txt; for _ in $(seq 40); do echo end_round >> moves.txt; done
"$fl" play --scenario tutorial --text --seed 5 --log-dir logs --player Smoke < moves.txt > game.txt
grep -q "=== Outcome:" game.txt
log="$(ls logs/*.json | head -1)"
"$fl" debrief "$log" --html debrief.html
"$fl" debrief "$log" --json > debrief.json && "$py" -c "import json; json.load(open('debrief.json'))"
"$fl" role-pack --scenario elm --out pack
test -s pack/index.html

# A trainer's own scenario, known only to home A; its logs travel to home B, which never had it.
mkdir -p "$FAULTLINES_HOME/data/scenarios"
sed 's/^id: elm$/id: stroke/' "$repo/scenarios/elm.yaml" > "$FAULTLINES_HOME/data/scenarios/stroke.yaml"
"$fl" validate stroke
"$fl" simulate --scenario stroke --policy skilled --runs 3 --seed 2 --log-dir trainer_logs
"$fl" role-pack --scenario stroke --out stroke_pack
export FAULTLINES_HOME="$work/home_b"
"$fl" scenarios | grep -vq '^stroke' || { echo "home B should not know stroke"; exit 1; }
tlog="$(ls trainer_logs/*.json | head -1)"
"$fl" debrief "$tlog" --html stroke.html
"$fl" debrief "$tlog" --branch-at 3 --html branch.html
"$fl" class-report trainer_logs --html class.html --csv class.csv
"$py" - "$tlog" <<'PY'
import sys
from faultlines.game.app import App  # first: it keeps pygame's banner quiet
import pygame
from faultlines.game.logged_game import LoggedGame
app = App()
app.open_replay(LoggedGame.from_file(sys.argv[1]), at=2)
pygame.time.set_timer(pygame.QUIT, 800, loops=1)
app.run()
assert app.frames > 0, "the replay window drew no frame"
app.close()
print(f"replay window: {app.frames} frames of a log whose scenario only the log carries")
PY
test -z "$(ls "$work/home_b/data/scenarios" 2>/dev/null)"
echo "wheel smoke test: ok"
