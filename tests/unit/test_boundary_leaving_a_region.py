"""A "may not leave" said of a region's name bounds the data to that region, not to the premises: the
denial is of the leaving ("no pueden salir de la UE"), not of the region. Staying said with a verb of
staying in any language read ("que se quede en la UE") is the region too; a place alone is none. The
sentences are written for these tests."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(
    "text",
    [
        "Los registros no pueden salir de la UE.",
        "Our files may not leave the EU.",
        "Basta con que los datos se queden en la UE.",
        "Die Daten dürfen die EU nicht verlassen.",
    ],
)
def test_a_leaving_denied_from_a_region_is_that_region(catalog, text):
    changes = read_answer(text, WorkloadProfile(), catalog).changes
    assert changes.get("data_boundary") == "region" and changes.get("region") == "eu", changes


@pytest.mark.parametrize("text", ["Los registros no pueden salir de la empresa.", "Nothing may leave our network."])
def test_a_leaving_denied_from_the_premises_is_on_site(catalog, text):
    assert read_answer(text, WorkloadProfile(), catalog).changes.get("data_boundary") == "on_site"


@pytest.mark.parametrize("text", ["Nuestros clientes están en Francia.", "Our office is in the UK, 40 people."])
def test_a_place_alone_is_no_region(catalog, text):
    changes = read_answer(text, WorkloadProfile(), catalog).changes
    assert "region" not in changes and "data_boundary" not in changes
