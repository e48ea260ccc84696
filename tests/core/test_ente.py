"""rete.yml's public body: ente, privacy, accessibilita, segnalazioni, dati_aperti.

Their absence is a warning for the coordinators (it fails `rete valida` only with
--severo, so never a librarian's pull request); a wrong value is an error like any other.
"""

from __future__ import annotations

import re

from rete.checks.validate import check
from rete.cli import main
from rete.content.model import OpenDataPolicy

PUBLISHER = re.compile(r"^# What a public body.*", re.S | re.M)


def _without_publisher(tree) -> None:
    path = tree / "rete.yml"
    path.write_text(PUBLISHER.sub("", path.read_text("utf-8")), "utf-8")


def _edit(tree, old: str, new: str) -> None:
    path = tree / "rete.yml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_the_model_reads_the_public_body(minimo):
    rete = check(minimo).knowledge.rete
    assert rete.ente.nome == "Consorzio bibliotecario di prova"
    assert rete.ente.codice_ipa == "c_prova" and rete.ente.pec.startswith("protocollo@")
    assert rete.privacy.rpd_email == "rpd@consorzio.example.it"
    assert rete.accessibilita.dichiarazione.startswith("https://form.agid.gov.it/")
    assert rete.accessibilita.anno == 2026
    assert rete.segnalazioni == "https://github.com/esempio/rete/issues"
    assert rete.dati_aperti == OpenDataPolicy(contatti=False)


def test_contacts_in_open_data_only_when_asked(minimo):
    (minimo / "rete.yml").write_text((minimo / "rete.yml").read_text("utf-8")
                                     + "dati_aperti:\n  contatti: true\n", "utf-8")
    assert check(minimo).knowledge.rete.dati_aperti.contatti is True


def test_each_missing_piece_is_a_warning_not_an_error(minimo, capsys):
    _without_publisher(minimo)
    result = check(minimo)
    assert result.knowledge is not None and result.knowledge.rete.ente is None
    assert [(p.file, p.field, p.level.value) for p in result.problems] == [
        ("rete.yml", "accessibilita", "avviso"), ("rete.yml", "ente", "avviso"),
        ("rete.yml", "privacy", "avviso"), ("rete.yml", "segnalazioni", "avviso")]
    assert main(["valida", "--radice", str(minimo)]) == 0  # a pull request passes
    assert main(["valida", "--radice", str(minimo), "--severo"]) == 1  # the coordinators'
    out = capsys.readouterr().out
    assert "https://form.agid.gov.it" in out and "23 settembre" in out


def test_a_group_given_in_part_names_what_it_lacks(minimo):
    _edit(minimo, "  codice_ipa: c_prova\n", "")
    _edit(minimo, "  pec: protocollo@pec.consorzio.example.it\n", "")
    _edit(minimo, "  rpd_email: rpd@consorzio.example.it\n", "")
    found = {p.field: p for p in check(minimo).problems}
    assert set(found) == {"ente.codice_ipa", "ente.pec", "privacy.rpd_email"}
    assert found["ente.codice_ipa"].line is not None  # the line of «ente:»
    assert "indicepa.gov.it" in found["ente.codice_ipa"].hint


def test_an_email_instead_of_a_pec_is_enough(minimo):
    _edit(minimo, "  pec: protocollo@pec.consorzio.example.it\n",
          "  email: info@consorzio.example.it\n")
    assert check(minimo).problems == []


def test_wrong_values_are_errors(minimo):
    _edit(minimo, "https://form.agid.gov.it/view/", "https://www.example.it/view/")
    _edit(minimo, "segnalazioni: https://github.com/esempio/rete/issues",
          "segnalazioni: scrivete a Mario")
    _edit(minimo, "codice_ipa: c_prova", "codice_ipa: c prova!")
    errors = {p.field: p.message for p in check(minimo).problems if p.is_error}
    assert set(errors) == {"accessibilita.dichiarazione", "segnalazioni", "ente.codice_ipa"}
    assert "form.agid.gov.it" in errors["accessibilita.dichiarazione"]


def test_no_warning_about_the_body_while_rete_yml_has_errors(minimo):
    _without_publisher(minimo)
    _edit(minimo, "sito: https://rete.example.it/", "sito: rete.example.it")
    assert [p.field for p in check(minimo).problems] == ["sito"]
