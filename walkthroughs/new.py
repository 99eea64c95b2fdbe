"""python -m walkthroughs new PATH.yaml|FICHE.zip: from a recorded (or hand-written) walkthrough to the guide.

A YAML file is replayed as the guide's captures are made (docs/captures/<slug>/), its step
text written, and the line that includes it in its guide page printed. A zip made by record
mode's « Faire la fiche » (walkthroughs/replay.py) already holds all of it: its walkthrough is
placed under walkthroughs/<portal>/ and its captures under docs/captures/<slug>/, with no
replay — one command between a support writer's sheet and the guide.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

from simulator.procedures.model import ROOT, WalkthroughError, load, load_all, parse

DOCS = ROOT.parent / "docs"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m walkthroughs new",
        description="Rejoue un parcours, écrit ses captures et son texte, et donne la ligne à mettre dans le guide.",
    )
    parser.add_argument(
        "path",
        help="le fichier YAML du parcours, ou le zip de la fiche (téléchargés depuis le mode enregistrement)",
    )
    parser.add_argument(
        "--captures", default=str(DOCS / "captures"), help="dossier des captures (docs/captures)"
    )
    args = parser.parse_args(argv)
    path = Path(args.path).resolve()
    if not path.is_file():
        print(f"Fichier introuvable : {args.path}", file=sys.stderr)
        return 2
    if path.suffix == ".zip":
        return add_bundle(path, Path(args.captures))
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


def add_bundle(bundle: Path, captures: Path) -> int:
    """The sheet's zip: ``<slug>.yaml`` and ``captures/<slug>/…``, placed where the guide reads them."""
    try:
        archive = zipfile.ZipFile(bundle)
    except zipfile.BadZipFile:
        print(f"{bundle.name} n'est pas un fichier zip.", file=sys.stderr)
        return 2
    with archive, tempfile.TemporaryDirectory() as scratch:
        names = archive.namelist()
        sources = [n for n in names if "/" not in n and n.endswith(".yaml")]
        if len(sources) != 1:
            print(f"{bundle.name} ne contient pas un parcours (un fichier .yaml).", file=sys.stderr)
            return 2
        text = archive.read(sources[0]).decode("utf-8")
        try:
            walkthrough = parse(text, Path(scratch) / sources[0])
            every = load_all()
        except WalkthroughError as problem:
            print(problem, file=sys.stderr)
            return 2
        clash = next((w for w in every if w.slug == walkthrough.slug), None)
        if clash is not None:
            print(
                f"Le slug « {walkthrough.slug} » est déjà celui de {clash.source.relative_to(ROOT.parent)} :"
                " rien n'a été ajouté.",
                file=sys.stderr,
            )
            return 2
        prefix = f"captures/{walkthrough.slug}/"
        pictures = [n for n in names if n.startswith(prefix) and "/" not in n[len(prefix) :]]
        folder = ROOT / walkthrough.portal
        folder.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name[:2]) for p in folder.glob("[0-9][0-9]-*.yaml")]
        short = walkthrough.slug.removeprefix(f"{walkthrough.portal}-")
        target = folder / f"{max(numbers, default=0) + 1:02d}-{short}.yaml"
        target.write_text(text, encoding="utf-8")
        out = captures / walkthrough.slug
        out.mkdir(parents=True, exist_ok=True)
        for name in pictures:
            (out / name[len(prefix) :]).write_bytes(archive.read(name))
    print(f"parcours  {_shown(target)}")
    print(f"captures  {_shown(out)}/ ({sum(n.endswith('.png') for n in pictures)} images)")
    print()
    print(f"Ajoutez cette ligne dans docs/{walkthrough.guide}, là où la procédure doit paraître :")
    print()
    print(f'--8<-- "captures/{walkthrough.slug}/etapes.md"')
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)
