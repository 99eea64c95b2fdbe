"""python -m walkthroughs [--check] [--list] [slug …] | new PATH.yaml"""

from __future__ import annotations

import argparse
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
    parser = argparse.ArgumentParser(prog="python -m walkthroughs", description="Regenerate or check the guide's captures.")
    parser.add_argument("slugs", nargs="*", help="walkthroughs to run (default: all)")
    parser.add_argument("--check", action="store_true", help="compare with the committed captures instead of writing them")
    parser.add_argument("--list", action="store_true", help="list the walkthroughs")
    parser.add_argument("--pdf", metavar="DIR", help="print each walkthrough's procedure sheet (A4 PDF) into DIR")
    parser.add_argument("--schema", action="store_true", help="write walkthroughs/schema.json (for editors)")
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

    from .browser import launch_args
    from .compare import compare_dirs
    from .runner import SimulatorServer, StepFailed, run

    failures: list[str] = []
    stopped: list[str] = []
    found: dict[str, list] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="captures-") as tmp, SimulatorServer() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        drawn_by = environment.describe(browser)
        moved = environment.changes(environment.read(DOCS_CAPTURES), drawn_by)
        if args.check and moved:
            print(f"ATTENTION  {' ; '.join(moved)} : régénérez les captures et relisez le rapport")
        out_root = Path(tmp) if args.check else DOCS_CAPTURES
        for walkthrough in walkthroughs:
            began = time.monotonic()
            try:
                run(walkthrough, browser, server.url, out_root)
            except StepFailed as problem:
                failures.append(str(problem))
                stopped.append(str(problem))
                print(f"ÉCHEC  {problem}")
                continue
            note = ""
            if args.check:
                differences = compare_dirs(walkthrough.slug, DOCS_CAPTURES / walkthrough.slug,
                                           out_root / walkthrough.slug, Path(tmp) / "_difference")
                found[walkthrough.slug] = differences
                failures += [f"{d.name}: {d.problem}" for d in differences]
                note = "à jour" if not differences else f"{len(differences)} différence(s)"
                for d in differences:
                    print(f"  DIFF {d.name}: {d.problem}")
            print(f"ok     {walkthrough.slug} ({len(walkthrough.steps)} étapes, {time.monotonic() - began:.1f} s) {note}")
        browser.close()
        if not args.check and not args.slugs and not failures:
            environment.write(DOCS_CAPTURES, drawn_by)  # every capture was drawn by this one
        if args.check:
            from . import report

            shutil.rmtree(DIFF_DIR, ignore_errors=True)
            page = report.write(DIFF_DIR, found, {w.slug: w for w in walkthroughs}, stopped,
                                environment=moved if any(found.values()) or stopped else [])
            print(f"rapport : {page}")
    print(f"{len(walkthroughs)} parcours en {time.monotonic() - started:.1f} s")
    if failures:
        print(f"{len(failures)} problème(s) :", *failures, sep="\n  ", file=sys.stderr)
        return 1
    return 0


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
