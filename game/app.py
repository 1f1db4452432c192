"""The window edition: a 1280x720 resizable pygame-ce window driven by scenes.

The loop draws only when something changed. While the player thinks it sleeps between
quick looks at the event queue (near-zero CPU); after input, and while something animates,
it runs at up to 60 frames a second so hover states, tooltips and marker movements are
smooth.

Why not `pygame.event.wait(timeout)`: pygame-ce implements it by polling the queue every
millisecond, which measured 2.4% of a core doing nothing (Xvfb, 1280x720); sleeping 30 ms
between polls measured 0.4%, and a first input after a pause waits at most 30 ms.
"""

from __future__ import annotations

import os
import random
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
from faultlines.engine.errors import SaveError
from faultlines.game.fonts import Fonts
from faultlines.game.logplace import LogPlace
from faultlines.game.palette import Palette, use_theme
from faultlines.game.saves import AUTOSAVE, SaveStore
from faultlines.game.settings import TEXT_SIZES, Settings, load_settings, save_settings
from faultlines.game.sound import Sounds
from faultlines.game.theme import new_manager, scaled_size
from faultlines.game.voice import Voice

if TYPE_CHECKING:  # the engine is imported when a game starts, not before the title
    from faultlines.engine.table import Table
    from faultlines.game.session import BranchOrigin, Session

SIZE = (1280, 720)
MIN_SIZE = (960, 600)
FPS = 60
IDLE_NAP_S = 0.03  # sleep between looks at the event queue while idle
SPARE_MANAGERS = 4  # emptied pygame_gui managers kept for the next scenes
GRACE_S = 1.0  # keep drawing this long after input (hover fades, tooltip delay, scrolling)
#: Keys whose held-down repeats are passed on (moving and scrolling). Any other key acts once
#: per press: pygame repeats a key whose release it has not yet seen, so a slow screen change
#: (a case compiling) used to turn one Enter into two presses and skip the next screen.
REPEATING_KEYS = frozenset({pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT,
                            pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
                            pygame.K_BACKSPACE})
TITLE = "Fault Lines"


class App:
    """Owns the window, the scene stack, the settings and the current game session."""

    def __init__(self, *, size: tuple[int, int] = SIZE, settings: Settings | None = None,
                 store: SaveStore | None = None, log_place: LogPlace | None = None):
        self.log_place = log_place or LogPlace()
        self.t_start = time.perf_counter()
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(TITLE)
        pygame.display.set_icon(_icon())
        self.settings = settings or load_settings()
        flags = pygame.RESIZABLE
        self.window = pygame.display.set_mode(at_least_minimum(size), flags)
        try:
            with warnings.catch_warnings():  # pygame-ce deprecates this bridge, no successor yet
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):
            pass
        pygame.key.set_repeat(400, 40)
        self.fonts = Fonts()
        use_theme(self.settings.theme)
        self.palette = Palette(self.settings.colourblind, self.settings.theme)
        self.store = store or SaveStore()
        self.sounds = Sounds(self.settings.sound)
        self.voice = Voice(self.settings.speak)
        self._spoken: tuple[int, str] | None = None  # (scene, what) last spoken as focused
        self._heard: tuple[int, int] = (0, 0)  # (session, events) already spoken
        self.clock = pygame.time.Clock()
        self.scenes: list = []
        self.session: Session | None = None
        self.running = True
        self.first_frame_s: float | None = None
        self.shown_at: float | None = None  # when the last frame reached the screen
        self.frames = 0
        self._busy_until = 0.0
        self._dirty = True
        self._resize_pending = False
        self._spare_managers: dict[tuple, list] = {}
        self._held: set[int] = set()  # keys pressed and not yet released
        if self.settings.fullscreen:
            self._apply_fullscreen(True)

    # -- sizes -------------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    @property
    def scale(self) -> float:
        return self.settings.scale

    def px(self, n: float) -> int:
        """A length that grows with the text size (paddings, row heights)."""
        return round(n * self.scale)

    def fs(self, n: float) -> int:
        """A font size at the player's text size."""
        return scaled_size(n, self.scale)

    def box_height(self, lines: int, size: float = 15) -> int:
        """Height of a pygame_gui text box showing `lines` lines of text at `size` (its line
        spacing is about 1.3 times the font's line size, plus padding and border)."""
        lh = self.fonts.line_height("regular", self.fs(size))
        return round(lines * lh * 1.3) + 14

    def new_manager(self):
        """A pygame_gui manager for a scene: a spare one emptied if there is one for this
        size, text scale and theme (building one parses the whole theme, a quarter of the time an
        overlay took to open after a move)."""
        key = (self.size, self.scale, self.settings.theme)
        spare = self._spare_managers.get(key)
        if spare:
            ui = spare.pop()
            ui.clear_and_reset()
            ui.set_focus_set(None)
            return ui
        ui = new_manager(self.size, self.scale, self.settings.theme)
        ui.faultlines_key = key
        return ui

    def release_manager(self, ui) -> None:
        """A scene is done with its manager (closed, replaced or laid out again)."""
        key = getattr(ui, "faultlines_key", None)
        if key is None:
            return
        spare = self._spare_managers.setdefault(key, [])
        if len(spare) < SPARE_MANAGERS and all(ui is not m for m in spare):
            ui.clear_and_reset()
            spare.append(ui)

    # -- scenes --------------------------------------------------------------------------
    @property
    def top(self):
        return self.scenes[-1] if self.scenes else None

    def switch(self, scene) -> None:
        """Replace the whole stack with one scene."""
        old, self.scenes = self.scenes, [scene]
        for sc in old:
            self._retire(sc)
        scene.rebuild()
        self.mark_dirty()

    def push(self, scene) -> None:
        scene.snapshot = self._render_stack()
        self.scenes.append(scene)
        scene.rebuild()
        self.mark_dirty()

    def pop(self, scene=None) -> None:
        if not self.scenes or (scene is not None and self.top is not scene):
            return
        self._retire(self.scenes.pop())
        self.mark_dirty()
        if self.top is not None:
            self.top.on_resume()

    def _retire(self, scene) -> None:
        if scene.ui is not None and scene not in self.scenes:
            self.release_manager(scene.ui)
            scene.ui = None

    def _render_stack(self) -> pygame.Surface:
        surf = pygame.Surface(self.size)
        if self.top is not None:
            self.top.update(0.0)
            self.top.draw(surf)
        return surf

    def rebuild_all(self) -> None:
        """After a resize or a text-size change: lay every scene out again."""
        surf = pygame.Surface(self.size)
        for sc in self.scenes:
            sc.rebuild()
            if sc.modal:
                sc.snapshot = surf.copy()
            sc.update(0.0)
            sc.draw(surf)
        self.mark_dirty()

    def _enforce_minimum(self) -> None:
        """A window made smaller than the game can lay out (where the window manager ignores
        the minimum size) is set back to the minimum."""
        size = self.window.get_size()
        if at_least_minimum(size) != size and \
                not self.window.get_flags() & pygame.FULLSCREEN:
            self.window = pygame.display.set_mode(at_least_minimum(size), pygame.RESIZABLE)

    def mark_dirty(self) -> None:
        self._dirty = True

    # -- settings ------------------------------------------------------------------------
    def apply_settings(self) -> None:
        save_settings(self.settings)
        use_theme(self.settings.theme)
        self.palette = Palette(self.settings.colourblind, self.settings.theme)
        self.sounds.enabled = self.settings.sound
        self.voice.set_enabled(self.settings.speak)
        self.fonts.clear()
        fullscreen = bool(pygame.display.get_surface().get_flags() & pygame.FULLSCREEN)
        if fullscreen != self.settings.fullscreen:
            self._apply_fullscreen(self.settings.fullscreen)
        self.rebuild_all()

    def _apply_fullscreen(self, on: bool) -> None:
        try:
            if on:
                self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.window = pygame.display.set_mode(SIZE, pygame.RESIZABLE)
        except pygame.error:
            self.window = pygame.display.set_mode(SIZE, pygame.RESIZABLE)

    def step_text_size(self, step: int) -> None:
        n = min(max(0, self.settings.text_size + step), len(TEXT_SIZES) - 1)
        if n != self.settings.text_size:
            self.settings.text_size = n
            self.apply_settings()

    # -- games -----------------------------------------------------------------------------
    def start_new(self, scenario_ref: str, *, seed: int | None = None,
                  difficulty: str = "standard", practice: bool = False) -> None:
        from faultlines.game.scenes.briefing import BriefingScene
        from faultlines.game.session import Session

        if seed is None:
            seed = random.SystemRandom().randrange(1 << 30)
        self.leave_session()
        self.session = Session.new(scenario_ref, seed=seed, difficulty=difficulty,
                                   practice=practice, store=self.store,
                                   log_place=self.log_place)
        self.session.defer_saves = True
        self.switch(BriefingScene(self))

    def load_game(self, slot: str | int) -> str | None:
        """Load a slot and show it; returns an error message for the player, or None."""
        from faultlines.game.session import Session

        try:
            loaded = Session.load(self.store, slot, log_place=self.log_place)
        except SaveError as exc:
            return str(exc)
        self.leave_session()
        self.session = loaded
        loaded.defer_saves = True
        self.show_session()
        return None

    def show_session(self) -> None:
        from faultlines.game.scenes.outcome import OutcomeScene
        from faultlines.game.scenes.table import TableScene

        assert self.session is not None
        self.switch(OutcomeScene(self) if self.session.over else TableScene(self))

    def show_title(self) -> None:
        from faultlines.game.scenes.title import TitleScene

        self.leave_session()
        self.switch(TitleScene(self))

    def leave_session(self) -> None:
        """The player is leaving the current game (title, quit, another game): keep its
        log, marked abandoned if unfinished (a finished game was logged when it ended)."""
        if self.session is not None:
            self.session.flush()
        if self.session is not None and not self.session.over:
            if self.session.keep_log() is not None:
                self.session.autosave()  # remember the log, so it is not written twice

    def start_branch(self, table: Table, origin: BranchOrigin, *, scenario_ref: str) -> None:
        """Play on from a rewound game (same seed, same first moves) at the table; the
        Table carries its practice mode."""
        from faultlines.game.scenes.table import TableScene
        from faultlines.game.session import Session

        self.leave_session()
        self.session = Session(table, scenario_ref=scenario_ref, store=self.store,
                               origin=origin, log_place=self.log_place)
        self.session.defer_saves = True
        self.session.autosave()
        table = TableScene(self)
        self.switch(table)
        table.say(f"A branch from move {origin.at}: the same game up to here (same seed, same "
                  "moves). Play on differently; when it ends, the debrief puts both games "
                  "side by side.")

    def open_replay(self, logged, *, at: int | None = None, over: bool = False,
                    practice: bool = False) -> None:
        """Step through a logged game; `over`: on top of the current scene (Esc returns)."""
        from faultlines.game.scenes.replay import ReplayScene

        scene = ReplayScene(self, logged, at=at, practice=practice)
        self.push(scene) if over else self.switch(scene)

    def has_autosave(self) -> bool:
        info = self.store.info(AUTOSAVE)
        return info.exists and info.error is None

    # -- the loop ------------------------------------------------------------------------
    def busy(self) -> bool:
        return time.perf_counter() < self._busy_until or any(s.animating() for s in self.scenes)

    def step(self, block: bool = False) -> bool:
        """Handle pending input and draw if anything changed; returns True if it drew.
        With `block`, sleep in the event queue while nothing is happening."""
        busy = self.busy()
        events = pygame.event.get()
        if block and not events and not busy and not self._dirty:
            time.sleep(IDLE_NAP_S)
            return False
        for ev in events:
            self.dispatch(ev)
            if not self.running:
                return False
        if events and self.voice.working:
            self.speak_changes()
        if self._resize_pending:
            self._resize_pending = False
            self.window = pygame.display.get_surface()
            self._enforce_minimum()
            self.rebuild_all()
        if events:
            self._busy_until = time.perf_counter() + GRACE_S
        if not (events or busy or self._dirty):
            if self.session is not None and self.session.save_due:
                self.session.flush()
            return False
        # cap at 60 FPS only in the real loop; tests and the benchmark pump flat out
        dt = min(self.clock.tick(FPS if (busy and block) else 0) / 1000.0, 0.05)
        for sc in self.scenes[-1:]:
            sc.update(dt)
        partial = None if (events or self._dirty) else self.top.partial_rect()
        if partial is not None:
            # only an animation is moving: redraw and send just that part of the window
            self.top.draw_partial(self.window)
            pygame.display.update(partial)
            self.frames += 1
        else:
            self.draw()
        if self.session is not None and self.session.save_due:
            self.session.flush()  # the move is on screen: now its autosave (atomic write)
        return True

    def draw(self) -> None:
        if self.top is None:
            return
        self.top.draw(self.window)
        pygame.display.flip()
        self.shown_at = time.perf_counter()
        self._dirty = False
        self.frames += 1
        if self.first_frame_s is None:
            self.first_frame_s = time.perf_counter() - self.t_start

    def dispatch(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.QUIT:
            self.quit()
            return
        if ev.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._resize_pending = True
            return
        if ev.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.WINDOWRESTORED):
            self.mark_dirty()
            return
        if ev.type == pygame.KEYUP:
            self._held.discard(ev.key)
        elif ev.type == pygame.WINDOWFOCUSLOST:
            self._held.clear()
        elif ev.type == pygame.KEYDOWN:
            if ev.key in self._held and ev.key not in REPEATING_KEYS:
                return  # a repeat of a key still held: one press acts once
            self._held.add(ev.key)
            if self._global_key(ev):
                return
        if self.top is not None:
            self.top.handle(ev)

    def _global_key(self, ev: pygame.event.Event) -> bool:
        ctrl = ev.mod & pygame.KMOD_CTRL
        if ev.key == pygame.K_F11:
            self.settings.fullscreen = not self.settings.fullscreen
            self.apply_settings()
            return True
        if ctrl and ev.key in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            self.step_text_size(1)
            return True
        if ctrl and ev.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.step_text_size(-1)
            return True
        return False

    def speak_changes(self) -> None:
        """Self-voicing: the game's new events, then what has the focus if it changed (a
        new screen says its heading first). Queued for the voice's own thread."""
        s = self.session
        if s is not None:
            n = len(s.table.events)
            seen = self._heard[1] if self._heard[0] == id(s) else n
            for e in s.table.events[seen:n]:
                if e.kind != "snapshot" and e.text:
                    self.voice.say(e.text)
            self._heard = (id(s), n)
        top = self.top
        if top is None:
            return
        what = top.spoken_focus()
        if what and self._spoken != (id(top), what):
            new_screen = self._spoken is None or self._spoken[0] != id(top)
            heading = top.heading_text if new_screen and top.heading_text else ""
            self.voice.say(f"{heading}. {what}" if heading else what, focus=True)
            self._spoken = (id(top), what)

    def quit(self) -> None:
        self.leave_session()
        self.running = False

    def run(self) -> str:
        while self.running:
            self.step(block=True)
        return "quit"

    def pump(self, n: int = 1) -> None:
        """Process queued input and draw, without blocking (tests and the benchmark)."""
        for _ in range(n):
            self.step(block=False)

    def screenshot(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.draw()
        pygame.image.save(self.window, str(path))
        return path

    def close(self) -> None:
        if self.session is not None:
            self.session.flush()
        self.voice.close()
        pygame.display.quit()


def at_least_minimum(size: tuple[int, int]) -> tuple[int, int]:
    return (max(int(size[0]), MIN_SIZE[0]), max(int(size[1]), MIN_SIZE[1]))


def _icon() -> pygame.Surface:
    """The window icon: the title screen's broken line on the game's dark ground."""
    from faultlines.game.palette import ACCENT, BG

    icon = pygame.Surface((32, 32))
    icon.fill(BG)
    pygame.draw.lines(icon, ACCENT, False, [(3, 12), (15, 12), (18, 20), (29, 20)], 4)
    return icon


def run_window(scenario: str | None = None, seed: int | None = None,
               difficulty: str = "standard", *, log_dir: str | None = None,
               player: str | None = None) -> str:
    """Open the window (title screen, or straight to the briefing of `scenario`).
    Returns "no-display" when no window can be opened, "quit" after the player leaves."""
    if scenario is not None:
        from faultlines.game.session import cached_case

        cached_case(scenario)  # a broken scenario file is reported before any window opens
    app = _open(LogPlace(log_dir, player))
    if app is None:
        return "no-display"
    try:
        if scenario is not None:
            app.start_new(scenario, seed=seed, difficulty=difficulty)
        else:
            app.show_title()
        return app.run()
    finally:
        app.close()


def run_replay(path: str | Path, at: int | None = None) -> str:
    """Open the replay of a game log (raises SaveError, one line, for a bad log, before
    any window opens). Returns "no-display" or "quit", as run_window does."""
    from faultlines.game.logged_game import LoggedGame

    logged = LoggedGame.from_file(path)
    app = _open()
    if app is None:
        return "no-display"
    try:
        app.open_replay(logged, at=at)
        return app.run()
    finally:
        app.close()


def _open(log_place: LogPlace | None = None) -> App | None:
    """The window, or None when there is no display to open it on."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and \
            os.environ.get("SDL_VIDEODRIVER") is None and os.name == "posix" and \
            not _is_macos():
        return None
    try:
        return App(log_place=log_place)
    except pygame.error:
        pygame.display.quit()
        return None


def _is_macos() -> bool:
    import sys

    return sys.platform == "darwin"
