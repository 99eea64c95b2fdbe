"""`python -m walkthroughs new PATH.yaml` refuses, in French and before any browser starts,
a missing file, a file the model refuses, and a slug another walkthrough already has."""

from __future__ import annotations

from tests.helpers import ONE_STEP
from walkthroughs.__main__ import main


def test_a_missing_file(tmp_path, capsys):
    assert main(["new", str(tmp_path / "absent.yaml")]) == 2
    assert "Fichier introuvable" in capsys.readouterr().err


def test_a_file_the_model_refuses(tmp_path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text(ONE_STEP.format(slug="pigp-x").replace("portal: pigp", "portal: impots"))
    assert main(["new", str(path)]) == 2
    assert "portail inconnu « impots »" in capsys.readouterr().err


def test_a_slug_already_taken(tmp_path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text(ONE_STEP.format(slug="pigp-premiere-connexion"))
    assert main(["new", str(path)]) == 2
    assert "walkthroughs/pigp/01-premiere-connexion.yaml" in capsys.readouterr().err


def test_a_zip_without_a_walkthrough_or_with_a_taken_slug_adds_nothing(tmp_path, capsys):
    import zipfile

    empty = tmp_path / "vide.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("captures/x/01-a.png", b"png")
    assert main(["new", str(empty)]) == 2
    assert "ne contient pas un parcours" in capsys.readouterr().err
    taken = tmp_path / "pris.zip"
    with zipfile.ZipFile(taken, "w") as archive:
        archive.writestr(
            "pigp-premiere-connexion.yaml", ONE_STEP.format(slug="pigp-premiere-connexion")
        )
    assert main(["new", str(taken)]) == 2
    assert "rien n'a été ajouté" in capsys.readouterr().err
    not_zip = tmp_path / "faux.zip"
    not_zip.write_text("pas un zip")
    assert main(["new", str(not_zip)]) == 2
    assert "n'est pas un fichier zip" in capsys.readouterr().err
