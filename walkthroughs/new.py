"""python -m walkthroughs new PATH.yaml: from a recorded (or hand-written) walkthrough to the guide.

Replays the file as the guide's captures are made (docs/captures/<slug>/), writes its step
text, and prints the line that includes it in its guide page — the last steps between a
recording downloaded from the sandbox and a new section of the guide.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.procedures.model import ROOT, WalkthroughError, load, load_all

DOCS = ROOT.parent / "docs"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m walkthroughs new",
        description="Rejoue un parcours, écrit ses captures et son texte, et donne la ligne à mettre dans le guide.",
    )
    parser.add_argument(
        "path", help="le fichier YAML du parcours (téléchargé depuis le mode enregistrement)"
    )
    parser.add_argument(
        "--captures", default=str(DOCS / "captures"), help="dossier des captures (docs/captures)"
    )
    args = parser.parse_args(argv)
    path = Path(args.path).resolve()
    if not path.is_file():
        print(f"Fichier introuvable : {args.path}", file=sys.stderr)
        return 2
    try:
        walkthrough = load(path)
        others = [w for w in load_all() if w.source and w.source.resolve() != path]
    except WalkthroughError as problem:
        print(problem, file=sys.stderr)
        return 2
    clash = next((w for w in others if w.slug == walkthrough.slug), None)
    if clash is not None:
        print(
            f"Le slug « {walkthrough.slug} » est déjà celui de {clash.source.relative_to(ROOT.parent)} : changez-le.",
            file=sys.stderr,
        )
        return 2

    from playwright.sync_api import sync_playwright

    from .browser import launch_args
    from .runner import SimulatorServer, StepFailed, run

    with SimulatorServer() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args())
        try:
            result = run(walkthrough, browser, server.url, Path(args.captures))
        except StepFailed as problem:
            print(f"ÉCHEC  {problem}", file=sys.stderr)
            return 1
        finally:
            browser.close()
    for image in result.images:
        print(f"capture  {_shown(image)}")
    print(f"texte    {_shown(result.snippet)}")
    print()
    print(f"Ajoutez cette ligne dans docs/{walkthrough.guide}, là où la procédure doit paraître :")
    print()
    print(f'--8<-- "captures/{walkthrough.slug}/etapes.md"')
    if not path.is_relative_to(ROOT / walkthrough.portal):
        print()
        print(
            f"Puis placez le fichier dans walkthroughs/{walkthrough.portal}/ : il sera rejoué par les tests"
            " et proposé en mode pas à pas."
        )
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)
