"""python -m walkthroughs [--check] [--force] [-j N] [--list] [slug …] | new PATH.yaml"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from simulator.procedures.model import WalkthroughError, by_slug

from . import environment

DOCS_CAPTURES = Path(__file__).resolve().parent.parent / "docs" / "captures"
DIFF_DIR = Path.cwd() / "walkthrough-diff"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new"]:  # python -m walkthroughs new PATH.yaml (record mode, issue 15)
        from .new import main as new

        return new(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m walkthroughs", description="Regenerate or check the guide's captures."
    )
    parser.add_argument("slugs", nargs="*", help="walkthroughs to run (default: all)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with the committed captures instead of writing them",
    )
    parser.add_argument("--list", action="store_true", help="list the walkthroughs")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="walkthroughs played at once, one browser each (default: the number of cores)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replay even the walkthroughs whose inputs are unchanged",
    )
    parser.add_argument(
        "--captures", default=str(DOCS_CAPTURES), help="captures folder (default: docs/captures)"
    )
    parser.add_argument(
        "--pdf", metavar="DIR", help="print each walkthrough's procedure sheet (A4 PDF) into DIR"
    )
    parser.add_argument(
        "--schema", action="store_true", help="write walkthroughs/schema.json (for editors)"
    )
    args = parser.parse_args(argv)
    if args.schema:
        from simulator.procedures.model import SCHEMA_PATH, schema_text

        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(SCHEMA_PATH)
        return 0
    try:
        walkthroughs = by_slug(args.slugs)
    except WalkthroughError as problem:
        print(problem, file=sys.stderr)
        return 2
    if args.list:
        for w in walkthroughs:
            print(f"{w.slug:38} {len(w.steps):3} étapes  {w.title}")
        return 0

    from playwright.sync_api import sync_playwright

    if args.pdf:
        return _print_sheets(walkthroughs, Path(args.pdf), sync_playwright)
    return _replay(walkthroughs, args, sync_playwright)


def _replay(walkthroughs, args, sync_playwright) -> int:
    """Decide what to play (unchanged inputs are skipped unless --force or --check), play it
    in the pool, print each walkthrough's line in the order of the slugs, then the summary."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from simulator.procedures.model import lines, load_all, steps_of_line

    from . import manifest, pool

    started = time.monotonic()
    captures = Path(args.captures).resolve()
    # the browser's version, for the manifests and the renderers' sentence: read without
    # launching it when the system's Chromium answers --version (a launch cost seconds a run)
    drawn_by = environment.current()
    python = manifest.python_digest()
    every = {w.slug: w for w in load_all()}
    walkthroughs = sorted(walkthroughs, key=lambda w: w.slug)
    todo, unchanged = [], 0
    for w in walkthroughs:
        said = (
            []
            if args.check or args.force
            else manifest.reasons(
                manifest.read(captures / w.slug),
                manifest.sources(w, every),
                python,
                drawn_by,
                captures / w.slug,
            )
        )
        if args.check or args.force or said:
            todo.append(w)
            if said:
                print(f"refait {manifest.summary(w.slug, said)}")
        else:
            unchanged += 1
    committed_by = environment.read(captures)
    same_renderer = environment.same_renderer(committed_by, drawn_by)
    if args.check:  # information, once: which renderer drew the captures, which one checks them
        print(environment.sentence(committed_by, drawn_by))
    failures: list[str] = []
    stopped: list[str] = []
    found: dict[str, list] = {}
    workers = 1
    with tempfile.TemporaryDirectory(prefix="captures-") as scratch:
        if todo:
            # a line of walkthroughs that start from one another plays in one context (the
            # next goes on from where the last stopped); the longest lines first, so that no
            # worker is left with a long one at the end
            groups = sorted(lines(todo, every), key=lambda line: -steps_of_line(line, every))
            workers = max(1, min(args.jobs, len(groups)))
            with ProcessPoolExecutor(
                workers, mp_context=get_context("spawn"), initializer=pool.start
            ) as executor:
                settings = pool.Settings(
                    str(captures), scratch, args.check, python, drawn_by, same_renderer
                )
                submitted = [
                    executor.submit(pool.play, [w.slug for w in line], settings) for line in groups
                ]
                future_of = {
                    w.slug: f for line, f in zip(groups, submitted, strict=True) for w in line
                }
                for w in todo:  # in the order of the slugs, each as soon as its line is done
                    outcome = next(o for o in future_of[w.slug].result() if o.slug == w.slug)
                    _print_outcome(outcome, args.check, failures, stopped, found)
        if not args.check and not args.slugs and not failures:
            environment.write(captures, drawn_by)  # every capture was drawn by this one
        if args.check:
            from . import report

            shutil.rmtree(DIFF_DIR, ignore_errors=True)
            page = report.write(
                DIFF_DIR,
                found,
                {w.slug: w for w in walkthroughs},
                stopped,
                environment=environment.sentence(committed_by, drawn_by),
            )
            print(f"rapport : {page}")
    seconds = f"{time.monotonic() - started:.1f} s"
    if todo:
        skipped = f", {unchanged} inchangé(s) sauté(s)" if unchanged else ""
        print(f"{len(todo)} parcours joués ({workers} à la fois){skipped}, en {seconds}")
    else:
        print(
            f"rien à refaire : {unchanged} parcours inchangé(s) (--force pour tout refaire), en {seconds}"
        )
    if failures:
        print(f"{len(failures)} problème(s) :", *failures, sep="\n  ", file=sys.stderr)
        return 1
    return 0


def _print_outcome(outcome, check: bool, failures: list, stopped: list, found: dict) -> None:
    if outcome.failure:
        failures.append(outcome.failure)
        stopped.append(outcome.failure)
        print(f"ÉCHEC  {outcome.failure}")
        return
    note = ""
    if check:
        found[outcome.slug] = outcome.differences
        failures += [f"{d.name}: {d.problem}" for d in outcome.differences]
        note = "à jour" if not outcome.differences else f"{len(outcome.differences)} différence(s)"
        for d in outcome.differences:
            print(f"  DIFF {d.name}: {d.problem}")
    elif outcome.written:
        note = f"{len(outcome.written)} fichier(s) réécrit(s)"
    else:
        note = "écrans inchangés, octets conservés"
    print(f"ok     {outcome.slug} ({outcome.steps} étapes, {outcome.seconds:.1f} s) {note}")


def _print_sheets(walkthroughs, out_dir: Path, sync_playwright) -> int:
    """From the committed captures: run `make screenshots` first if screens changed."""
    from .browser import launch_args
    from .sheets import print_sheet

    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        for walkthrough in walkthroughs:
            print(f"fiche  {print_sheet(browser, walkthrough, DOCS_CAPTURES, out_dir)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
