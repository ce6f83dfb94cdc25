"""Build the bundled sample and the downloadable templates of Shared Value Navigator.

Run from anywhere::

    python data/make_sample.py            # writes next to this script, into data/
    python data/make_sample.py OUT_DIR    # writes into OUT_DIR

It writes ``sample.xlsx`` (the story below), ``template.xlsx`` (headers, a few
example rows per sheet and a ``how_to`` data dictionary) and ``template_csv.zip``
(one CSV per table, the same example rows), then prints a short story check.
Every table uses the column names of :mod:`csvcore.contract.schema` (the contract).

The output is reproducible: one fixed seed, no wall clock. Workbooks carry fixed
document timestamps and every zip member a fixed date, so two runs on the same
machine give identical bytes (across zlib versions the bytes may differ; the
content does not).

The story
---------
*AquaNourish Foods* (``aquanourish``, focal), a consumer-goods company in
India – Maharashtra, works on **Water stewardship** (the main challenge), plus
**Nutrition** and **Rural livelihoods**, among ~110 organizations in
Maharashtra, Kenya – Rift Valley, Brazil – São Paulo and global bodies, 2019-2025.

- Rising: the Godavari Basin Water Users' Federation (``in-godavari-wuf``) and
  the agri-tech start-up FarmSense Labs (``ke-farmsense``, founded 2021) gain
  many ties from 2021.
- Fading: the State Watershed Mission Office (``in-watershed-mission``, an old
  government programme) loses its ties after 2021; the Northbridge Water Trust
  (``gl-northbridge``, a funder) exits in 2023 (no ties from 2023 on).
- A competitor, BlueSpring Beverages (``bluespring``), starts with three
  supplier contracts and from 2021 builds a coalition of NGOs, a multilateral
  and businesses across the three regions; by 2025 it is a top-5 hub.
- We start peripheral (2019: three supplier contracts, one region) and grow
  modestly, yet in 2025 the two rising players are still more than two steps
  away. One tie to the Institute for Water and Agrarian Studies (``in-iwas``) or
  to the Vasundhara Water Alliance (``in-vasundhara``) would bring both within
  two steps.

Conventions of the data
-----------------------
- One relationships row per tie and per year it exists (``period`` = year).
  A few standing ties (statutory or membership links) have an **empty period**:
  they hold in every period.
- ``challenge`` names the challenge a tie serves; an **empty challenge** means
  the tie serves every challenge.
- ``directed`` is ``yes`` for funding (funder -> grantee), contract (buyer ->
  supplier) and advocacy (advocate -> addressee) ties, ``no`` otherwise.
- ``strength`` is 1 (weak) to 5 (strong); ``confidence`` 0-1 (empty = not
  recorded); ``reported_by`` is one of three teams. One row per tie and year,
  so the importer loads the sample without a warning.
- Impacts and scenario scores in ``challenges`` are on a 1-10 scale
  (1 negligible, 10 critical). Assessment levels are 1-5.
- ``organizations`` has two extra columns: ``role`` (supplier, customer,
  competitor, peer, start-up, regulator, grantmaker, ...) and ``scale``
  (local, regional, national, global), usable as boundaries in step 3.
"""

from __future__ import annotations

import csv
import io
import random
import re
import sys
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import networkx as nx
from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(HERE.parent))

from csvcore.contract.schema import BOUNDARIES, COLUMNS, PRACTICES  # noqa: E402  (the contract)

SEED = 20140601  # fixed: the same story on every run
YEARS = tuple(range(2019, 2026))
STAMP = datetime(2025, 1, 1)  # document timestamp written into every workbook
ZIP_DATE = (2025, 1, 1, 0, 0, 0)  # date of every zip member

ORG_EXTRAS = ("role", "scale")  # organizations' columns beyond the contract

# --- challenges ---------------------------------------------------------------

WATER = "Water stewardship"
NUTRITION = "Nutrition"
LIVELIHOODS = "Rural livelihoods"
PLASTIC = "Plastic packaging"
CLIMATE = "Climate adaptation"
SKILLS = "Skills for smallholders"
FOOD_LOSS = "Food loss and waste"
ALL = ""  # a tie that serves every challenge

SCENARIOS = (  # name, probability, description
    ("Water stress 2035", 0.45,
     "Failed monsoons and over-drawn aquifers become the norm; water permits are "
     "capped and shared by basin."),
    ("Regulated nutrition", 0.25,
     "Governments tax sugar and mandate fortification and front-of-pack labels in "
     "all three markets."),
    ("Fragmented markets", 0.20,
     "Trade barriers and local champions split supply chains; growth comes from "
     "regional brands."),
    ("Tech leap", 0.10,
     "Cheap sensors and farm data make precision irrigation and traceability "
     "standard for smallholders."),
)

# challenge, description, business impact, societal impact, shared-value level,
# scores per scenario (same order as SCENARIOS), all impacts and scores 1-10.
CHALLENGES = (
    (WATER, "Aquifers and river basins where we source crops and run plants are "
     "over-drawn; water risk threatens supply and our licence to operate.",
     9, 9, "value chain", (10, 8, 8, 8)),
    (NUTRITION, "Micronutrient deficiency and diet-related disease among low-income "
     "consumers; affordable fortified products.",
     7, 8, "products and markets", (4, 9, 3, 4)),
    (LIVELIHOODS, "Smallholder incomes and resilience in our sourcing regions.",
     6, 9, "value chain", (7, 5, 7, 6)),
    (PLASTIC, "Single-use packaging in markets without collection systems.",
     6, 6, "products and markets", (4, 7, 5, 7)),
    (CLIMATE, "Droughts, floods and heat that hit farms, plants and communities.",
     7, 8, "local cluster", (8, 4, 7, 5)),
    (SKILLS, "Agronomy, water-saving and digital skills of the farmers who supply us.",
     5, 7, "local cluster", (7, 4, 5, 7)),
    (FOOD_LOSS, "Crops lost between farm and factory for lack of storage and logistics.",
     5, 6, "value chain", (5, 5, 6, 6)),
)

# --- assessment ---------------------------------------------------------------

# current and target levels (1-5) per practice, in BOUNDARIES order. Strengths:
# buffering across vertical, reflecting and connecting across stakeholder
# boundaries. Gaps: weaving and transforming across geographic boundaries.
ASSESSMENT = {
    "buffering": ((4, 3, 3, 3, 2), (4, 3, 4, 3, 3)),
    "reflecting": ((3, 3, 4, 2, 2), (4, 4, 4, 4, 3)),
    "connecting": ((3, 3, 4, 2, 2), (4, 4, 5, 4, 4)),
    "mobilizing": ((3, 2, 3, 2, 2), (4, 4, 4, 4, 4)),
    "weaving": ((2, 2, 3, 2, 1), (3, 4, 4, 4, 4)),
    "transforming": ((2, 2, 2, 1, 1), (3, 3, 4, 3, 4)),
}

# --- organizations ------------------------------------------------------------

IN, KE, BR, GL = "India – Maharashtra", "Kenya – Rift Valley", "Brazil – São Paulo", "Global"

FOCAL = "aquanourish"
COMPETITOR = "bluespring"
RISING = ("in-godavari-wuf", "ke-farmsense")
FADING = ("in-watershed-mission", "gl-northbridge")
BRIDGES = ("in-iwas", "in-vasundhara")


class Org(NamedTuple):
    id: str
    name: str
    sector: str
    geography: str
    role: str
    scale: str
    focus: str = WATER  # the challenge it mostly works on (not written out)
    first: int = 2019  # first and last year it is active
    last: int = 2025


ORGS = (
    # India – Maharashtra
    Org(FOCAL, "AquaNourish Foods", "Business", IN, "self", "national"),
    Org("in-wrd", "Maharashtra Water Resources Department", "Government", IN, "regulator", "regional"),
    Org("in-pune-agri", "Pune District Agriculture Office", "Government", IN, "extension service", "local"),
    Org("in-mpcb", "Maharashtra Pollution Control Board", "Government", IN, "regulator", "regional"),
    Org("in-watershed-mission", "State Watershed Mission Office", "Government", IN, "programme", "regional"),
    Org("in-jal-liaison", "National Water Mission Liaison Cell", "Government", IN, "programme", "national"),
    Org("in-pune-water", "Pune Municipal Water Utility", "Government", IN, "utility", "local"),
    Org("in-jal-seva", "Jal Seva Trust", "NGO", IN, "implementer", "local"),
    Org("in-sahyadri-rivers", "Sahyadri Rivers Collective", "NGO", IN, "advocate", "regional", CLIMATE),
    Org("in-annapurna", "Annapurna Nutrition Network", "NGO", IN, "implementer", "regional", NUTRITION),
    Org("in-gram-vikas", "Gram Vikas Sanstha, Pune", "NGO", IN, "implementer", "local", LIVELIHOODS),
    Org("in-krishi-mitra", "Krishi Mitra Foundation", "NGO", IN, "implementer", "regional", SKILLS),
    Org("in-vasundhara", "Vasundhara Water Alliance", "NGO", IN, "convener", "regional"),
    Org("in-deccan-agro", "Deccan Agro Producers Co.", "Business", IN, "supplier", "regional"),
    Org("in-pune-packaging", "Pune Packaging Works", "Business", IN, "supplier", "local", PLASTIC),
    Org("in-sahyadri-millets", "Sahyadri Millets Pvt Ltd", "Business", IN, "supplier", "regional", NUTRITION),
    Org("in-nashik-fresh", "Nashik Fresh Produce Ltd", "Business", IN, "supplier", "regional", LIVELIHOODS),
    Org("in-bharatmart", "BharatMart Retail", "Business", IN, "customer", "national", NUTRITION),
    Org("in-konkan-foodservice", "Konkan Foodservice", "Business", IN, "customer", "regional",
        NUTRITION, last=2022),
    Org("in-swasth-bharat", "Swasth Bharat Foods", "Business", IN, "competitor", "national", NUTRITION),
    Org("in-indus-irrigation", "Indus Irrigation Systems", "Business", IN, "peer", "national"),
    Org("in-marathwada-sugar", "Marathwada Sugar Mills", "Business", IN, "peer", "regional"),
    Org("in-iwas", "Institute for Water and Agrarian Studies, Pune", "Academic", IN, "research", "regional"),
    Org("in-deccan-agri-univ", "Deccan Agricultural University", "Academic", IN, "research", "regional", SKILLS),
    Org("in-nutrition-institute", "Marathwada Institute of Nutrition", "Academic", IN, "research",
        "regional", NUTRITION),
    Org("in-sahyog", "Sahyog Philanthropies", "Funder", IN, "grantmaker", "national"),
    Org("in-rural-fund", "Maharashtra Rural Development Fund", "Funder", IN, "grantmaker", "regional",
        LIVELIHOODS),
    Org("in-godavari-wuf", "Godavari Basin Water Users' Federation", "Community", IN, "user group",
        "regional"),
    Org("in-junnar-fpc", "Junnar Farmer Producer Company", "Community", IN, "cooperative", "local",
        LIVELIHOODS),
    Org("in-baramati-shg", "Baramati Women's Self-Help Federation", "Community", IN, "women's group",
        "local", NUTRITION),
    Org("in-khed-vwc", "Khed Village Water Committee", "Community", IN, "user group", "local"),
    Org("in-ahmednagar-dairy", "Ahmednagar Dairy Cooperative", "Community", IN, "cooperative", "local",
        LIVELIHOODS),
    Org("in-satara-collective", "Satara Smallholders' Collective", "Community", IN, "cooperative", "local",
        SKILLS),
    Org("in-lokvani", "Lokvani Marathi Daily", "Media", IN, "press", "regional"),
    Org("in-agrowatch", "AgroWatch India", "Media", IN, "press", "national", LIVELIHOODS, first=2021),
    # Kenya – Rift Valley
    Org("ke-wra", "Water Resources Authority – Rift Valley Region", "Government", KE, "regulator",
        "regional"),
    Org("ke-nakuru-agri", "Nakuru County Department of Agriculture", "Government", KE,
        "extension service", "local"),
    Org("ke-irrigation", "National Irrigation Office – Rift Valley", "Government", KE, "programme",
        "national"),
    Org("ke-baringo-water", "Baringo County Water Directorate", "Government", KE, "regulator", "local"),
    Org("ke-maji-safi", "Maji Safi Initiative", "NGO", KE, "implementer", "regional"),
    Org("ke-lishe-bora", "Lishe Bora Kenya", "NGO", KE, "implementer", "national", NUTRITION),
    Org("ke-rv-conservation", "Rift Valley Conservation Trust", "NGO", KE, "advocate", "regional", CLIMATE),
    Org("ke-shamba-resilience", "Shamba Resilience Network", "NGO", KE, "implementer", "regional",
        LIVELIHOODS),
    Org("ke-mazingira-youth", "Mazingira Youth Kenya", "NGO", KE, "advocate", "local", CLIMATE, first=2023),
    Org("ke-rv-grain", "Rift Valley Grain Growers Ltd", "Business", KE, "supplier", "regional", LIVELIHOODS),
    Org("ke-naivasha-fresh", "Naivasha Fresh Exports", "Business", KE, "supplier", "regional"),
    Org("ke-eldoret-milling", "Eldoret Milling Company", "Business", KE, "supplier", "regional", NUTRITION),
    Org("ke-savanna", "Savanna Supermarkets", "Business", KE, "customer", "national", NUTRITION),
    Org("ke-kilele", "Kilele Beverages", "Business", KE, "competitor", "national"),
    Org("ke-jua-solar", "Jua Solar Pumps", "Business", KE, "peer", "national", first=2022),
    Org("ke-nakuru-dairy", "Nakuru Dairy Processors", "Business", KE, "peer", "regional", LIVELIHOODS),
    Org("ke-nakuru-water", "Nakuru Water and Sanitation Company", "Business", KE, "utility", "local"),
    Org("ke-farmsense", "FarmSense Labs", "Business", KE, "start-up", "national", first=2021),
    Org("ke-rvua", "Rift Valley University of Agriculture", "Academic", KE, "research", "regional", SKILLS),
    Org("ke-naivasha-station", "Lake Naivasha Research Station", "Academic", KE, "research", "local"),
    Org("ke-dryland", "Kenya Institute for Dryland Studies", "Academic", KE, "research", "national", CLIMATE),
    Org("ke-harambee", "Harambee Development Fund", "Funder", KE, "grantmaker", "national", LIVELIHOODS),
    Org("ke-ea-water-fund", "East Africa Water Fund", "Funder", KE, "grantmaker", "regional"),
    Org("ke-naivasha-wrua", "Lake Naivasha Water Resource Users' Association", "Community", KE,
        "user group", "local"),
    Org("ke-molo-coop", "Molo Smallholder Cooperative", "Community", KE, "cooperative", "local", LIVELIHOODS),
    Org("ke-baringo-pastoralists", "Baringo Pastoralists' Forum", "Community", KE, "user group", "local",
        CLIMATE),
    Org("ke-njoro-women", "Njoro Women Farmers Group", "Community", KE, "women's group", "local", NUTRITION),
    Org("ke-subukia-irrigation", "Subukia Irrigation Scheme Members", "Community", KE, "user group", "local"),
    Org("ke-farmers-union", "Kenya Smallholder Farmers' Union", "Community", KE, "union", "national",
        LIVELIHOODS),
    Org("ke-rv-radio", "Rift Valley Radio", "Media", KE, "press", "regional"),
    Org("ke-shamba-digest", "Shamba Digest", "Media", KE, "press", "national", LIVELIHOODS, last=2022),
    # Brazil – São Paulo
    Org("br-sima", "Secretaria de Meio Ambiente e Infraestrutura (SP)", "Government", BR, "regulator",
        "regional"),
    Org("br-aguas-interior", "Agência de Águas do Interior Paulista", "Government", BR, "regulator",
        "regional"),
    Org("br-agri-campinas", "Secretaria de Agricultura – Regional Campinas", "Government", BR,
        "extension service", "local"),
    Org("br-microbacias", "Programa Estadual de Microbacias", "Government", BR, "programme", "regional",
        last=2022),
    Org("br-cbh-tiete", "Comitê de Bacia do Médio Tietê", "Government", BR, "convener", "regional"),
    Org("br-agua-viva", "Instituto Água Viva", "NGO", BR, "implementer", "regional"),
    Org("br-nutricao", "Nutrição Para Todos", "NGO", BR, "implementer", "national", NUTRITION),
    Org("br-mata-ciliar", "Associação Mata Ciliar Paulista", "NGO", BR, "advocate", "regional", CLIMATE),
    Org("br-pro-agricultor", "Instituto Pró-Agricultor", "NGO", BR, "implementer", "regional", SKILLS),
    Org("br-rede-cerrado", "Rede Cerrado Sustentável", "NGO", BR, "convener", "national", CLIMATE,
        first=2021),
    Org("br-citrus-paulista", "Citrus Paulista S.A.", "Business", BR, "supplier", "regional"),
    Org("br-acucar-verde", "Açúcar Verde Ltda.", "Business", BR, "supplier", "regional"),
    Org("br-embalagens", "Embalagens Piracicaba Ltda.", "Business", BR, "supplier", "local", PLASTIC),
    Org("br-bom-preco", "Mercado Bom Preço", "Business", BR, "customer", "national", NUTRITION),
    Org("br-sabor-campo", "Sabor do Campo Alimentos", "Business", BR, "competitor", "national", NUTRITION),
    Org("br-irrigacao", "Irrigação Inteligente Ltda.", "Business", BR, "start-up", "national", first=2022),
    Org("br-serra-azul", "Laticínios Serra Azul", "Business", BR, "peer", "regional", LIVELIHOODS),
    Org("br-esap", "Escola Superior de Agronomia Paulista", "Academic", BR, "research", "regional", SKILLS),
    Org("br-iphsc", "Instituto de Pesquisa Hídrica de São Carlos", "Academic", BR, "research", "regional"),
    Org("br-semear", "Fundação Semear", "Funder", BR, "grantmaker", "national", LIVELIHOODS),
    Org("br-fundo-agua", "Fundo Brasileiro da Água", "Funder", BR, "grantmaker", "national"),
    Org("br-piracicaba-users", "Associação de Usuários de Água do Piracicaba", "Community", BR,
        "user group", "local"),
    Org("br-itapetininga-coop", "Cooperativa de Pequenos Produtores de Itapetininga", "Community", BR,
        "cooperative", "local", LIVELIHOODS),
    Org("br-vale-verde", "Comunidade Quilombola Vale Verde", "Community", BR, "user group", "local",
        LIVELIHOODS),
    Org("br-nova-esperanca", "Assentamento Nova Esperança", "Community", BR, "cooperative", "local", SKILLS),
    Org("br-botucatu-women", "Associação de Mulheres Agricultoras de Botucatu", "Community", BR,
        "women's group", "local", NUTRITION),
    Org("br-fafp", "Federação dos Agricultores Familiares Paulistas", "Community", BR, "union", "regional",
        LIVELIHOODS),
    Org("br-jornal-interior", "Jornal do Interior Paulista", "Media", BR, "press", "regional"),
    Org("br-radio-rural", "Rádio Rural São Carlos", "Media", BR, "press", "local", LIVELIHOODS),
    # Global
    Org(COMPETITOR, "BlueSpring Beverages", "Business", GL, "competitor", "global"),
    Org("gl-omnimart", "OmniMart Global Retail", "Business", GL, "customer", "global", NUTRITION),
    Org("gl-polycycle", "PolyCycle Packaging", "Business", GL, "supplier", "global", PLASTIC),
    Org("gl-mwf", "Multilateral Water Facility", "Multilateral", GL, "financier", "global"),
    Org("gl-ifsa", "International Fund for Smallholder Agriculture", "Multilateral", GL, "financier",
        "global", LIVELIHOODS),
    Org("gl-nutrition-compact", "Global Nutrition Compact Secretariat", "Multilateral", GL, "convener",
        "global", NUTRITION, first=2022),
    Org("gl-adaptation-facility", "Regional Climate Adaptation Facility", "Multilateral", GL, "financier",
        "global", CLIMATE),
    Org("gl-northbridge", "Northbridge Water Trust", "Funder", GL, "grantmaker", "global", last=2022),
    Org("gl-meridian", "Meridian Foundation", "Funder", GL, "grantmaker", "global", NUTRITION),
    Org("gl-climate-fund", "Global Climate Adaptation Fund", "Funder", GL, "grantmaker", "global", CLIMATE,
        first=2023),
    Org("gl-waterbridge", "WaterBridge International", "NGO", GL, "implementer", "global"),
    Org("gl-nutrition-action", "Global Nutrition Action", "NGO", GL, "advocate", "global", NUTRITION),
    Org("gl-fair-harvest", "Fair Harvest Alliance", "NGO", GL, "convener", "global", LIVELIHOODS),
    Org("gl-water-journal", "Global Water Journal", "Media", GL, "press", "global"),
    Org("gl-svri", "Shared Value Research Initiative", "Academic", GL, "research", "global"),
)
BY_ID = {o.id: o for o in ORGS}

# --- the scripted ties of the story -------------------------------------------


class Tie(NamedTuple):
    source: str
    target: str
    type: str
    challenge: str
    first: int
    last: int
    strength: int


def _script(rows) -> list[Tie]:
    """Turn ``(source, target, type, challenge, first[, last[, strength]])`` into ties."""
    ties = []
    for row in rows:
        source, target, kind, challenge, first, *rest = row
        last = rest[0] if rest else YEARS[-1]
        strength = rest[1] if len(rest) > 1 else 3
        ties.append(Tie(source, target, kind, challenge, first, last, strength))
    return ties


# Directed types read source -> target: funder -> grantee, buyer -> supplier,
# advocate -> addressee.
FOCAL_TIES = _script([
    (FOCAL, "in-deccan-agro", "contract", WATER, 2019, 2025, 4),
    (FOCAL, "in-pune-packaging", "contract", ALL, 2019, 2025, 3),
    (FOCAL, "in-sahyadri-millets", "contract", NUTRITION, 2019, 2025, 3),
    ("in-bharatmart", FOCAL, "contract", NUTRITION, 2020, 2025, 4),
    (FOCAL, "in-jal-seva", "collaboration", WATER, 2021, 2025, 2),
    (FOCAL, "in-wrd", "information", WATER, 2022, 2025, 2),
    (FOCAL, "br-citrus-paulista", "contract", WATER, 2022, 2025, 3),
    (FOCAL, "in-nashik-fresh", "contract", LIVELIHOODS, 2023, 2025, 2),
    (FOCAL, "in-jal-seva", "funding", WATER, 2024, 2025, 2),
    (FOCAL, "in-junnar-fpc", "contract", WATER, 2024, 2025, 2),
])

COMPETITOR_TIES = _script([
    (COMPETITOR, "br-citrus-paulista", "contract", WATER, 2019, 2025, 4),
    (COMPETITOR, "br-acucar-verde", "contract", ALL, 2019, 2025, 3),
    (COMPETITOR, "ke-rv-grain", "contract", WATER, 2019, 2025, 3),
    (COMPETITOR, "gl-polycycle", "contract", PLASTIC, 2020, 2025, 3),
    # 2021: the "Beverage Water Compact" coalition starts
    (COMPETITOR, "br-agua-viva", "collaboration", WATER, 2021, 2025, 4),
    (COMPETITOR, "gl-mwf", "collaboration", WATER, 2021, 2025, 4),
    (COMPETITOR, "ke-maji-safi", "funding", WATER, 2021, 2025, 3),
    (COMPETITOR, "ke-kilele", "collaboration", WATER, 2021, 2025, 3),
    (COMPETITOR, "br-sabor-campo", "collaboration", WATER, 2022, 2025, 3),
    (COMPETITOR, "ke-naivasha-fresh", "contract", WATER, 2022, 2025, 3),
    (COMPETITOR, "ke-naivasha-wrua", "collaboration", WATER, 2022, 2025, 3),
    (COMPETITOR, "gl-waterbridge", "collaboration", WATER, 2022, 2025, 4),
    (COMPETITOR, "in-godavari-wuf", "funding", WATER, 2023, 2025, 3),
    (COMPETITOR, "in-swasth-bharat", "collaboration", WATER, 2023, 2025, 2),
    (COMPETITOR, "br-aguas-interior", "advocacy", WATER, 2023, 2025, 2),
    (COMPETITOR, "gl-nutrition-action", "collaboration", NUTRITION, 2023, 2025, 2),
    (COMPETITOR, "ke-farmsense", "contract", WATER, 2024, 2025, 3),
    (COMPETITOR, "br-serra-azul", "collaboration", WATER, 2024, 2025, 2),
    ("ke-savanna", COMPETITOR, "contract", ALL, 2024, 2025, 3),
    ("gl-water-journal", COMPETITOR, "information", WATER, 2024, 2025, 2),
    (COMPETITOR, "in-indus-irrigation", "collaboration", WATER, 2025, 2025, 2),
    ("br-bom-preco", COMPETITOR, "contract", NUTRITION, 2025, 2025, 3),
    # the coalition members weave ties among themselves
    ("br-agua-viva", "gl-mwf", "collaboration", WATER, 2022, 2025, 3),
    ("ke-maji-safi", "ke-kilele", "collaboration", WATER, 2022, 2025, 2),
    ("ke-kilele", "br-sabor-campo", "information", WATER, 2022, 2025, 2),
    ("gl-waterbridge", "br-agua-viva", "collaboration", WATER, 2022, 2025, 3),
    ("gl-waterbridge", "ke-naivasha-wrua", "collaboration", WATER, 2023, 2025, 3),
    ("gl-mwf", "ke-maji-safi", "funding", WATER, 2023, 2025, 3),
    ("in-swasth-bharat", "br-sabor-campo", "information", WATER, 2023, 2025, 2),
    ("gl-nutrition-action", "br-sabor-campo", "collaboration", NUTRITION, 2023, 2025, 2),
    ("gl-mwf", "gl-waterbridge", "collaboration", WATER, 2023, 2025, 3),
    ("ke-kilele", "in-swasth-bharat", "information", WATER, 2024, 2025, 2),
])

RISING_TIES = _script([
    # the Godavari Basin Water Users' Federation
    ("in-godavari-wuf", "in-khed-vwc", "collaboration", WATER, 2019, 2025, 3),
    ("in-godavari-wuf", "in-vasundhara", "collaboration", WATER, 2020, 2025, 3),
    ("in-godavari-wuf", "in-iwas", "information", WATER, 2021, 2025, 3),
    ("in-godavari-wuf", "in-satara-collective", "collaboration", WATER, 2021, 2025, 3),
    ("in-godavari-wuf", "in-pune-agri", "collaboration", WATER, 2021, 2025, 2),
    ("in-sahyog", "in-godavari-wuf", "funding", WATER, 2022, 2025, 4),
    ("in-godavari-wuf", "in-baramati-shg", "collaboration", WATER, 2022, 2025, 2),
    ("in-godavari-wuf", "in-jal-liaison", "collaboration", WATER, 2022, 2025, 3),
    ("in-godavari-wuf", "in-krishi-mitra", "collaboration", LIVELIHOODS, 2023, 2025, 2),
    ("in-godavari-wuf", "in-ahmednagar-dairy", "collaboration", WATER, 2023, 2025, 2),
    ("in-godavari-wuf", "in-deccan-agri-univ", "information", WATER, 2023, 2025, 2),
    ("in-godavari-wuf", "in-mpcb", "advocacy", WATER, 2023, 2025, 3),
    ("in-rural-fund", "in-godavari-wuf", "funding", LIVELIHOODS, 2024, 2025, 3),
    ("in-godavari-wuf", "in-gram-vikas", "collaboration", WATER, 2024, 2025, 2),
    ("in-godavari-wuf", "in-marathwada-sugar", "conflict", WATER, 2024, 2025, 4),
    ("gl-ifsa", "in-godavari-wuf", "funding", WATER, 2025, 2025, 3),
    # FarmSense Labs (founded 2021)
    ("ke-molo-coop", "ke-farmsense", "contract", LIVELIHOODS, 2021, 2025, 2),
    ("ke-farmsense", "ke-rvua", "collaboration", WATER, 2021, 2025, 3),
    ("ke-ea-water-fund", "ke-farmsense", "funding", WATER, 2022, 2025, 3),
    ("ke-farmsense", "ke-njoro-women", "collaboration", WATER, 2022, 2025, 2),
    ("ke-farmsense", "ke-nakuru-agri", "collaboration", WATER, 2022, 2025, 2),
    ("ke-farmsense", "ke-naivasha-wrua", "collaboration", WATER, 2023, 2025, 3),
    ("ke-harambee", "ke-farmsense", "funding", LIVELIHOODS, 2023, 2025, 3),
    ("ke-farmsense", "ke-shamba-resilience", "collaboration", WATER, 2023, 2025, 2),
    ("ke-farmsense", "ke-dryland", "information", CLIMATE, 2023, 2025, 2),
    ("ke-subukia-irrigation", "ke-farmsense", "contract", WATER, 2024, 2025, 2),
    ("ke-farmsense", "ke-jua-solar", "collaboration", WATER, 2024, 2025, 3),
    # cross-geography bridges of the rising players
    ("ke-farmsense", "in-godavari-wuf", "collaboration", WATER, 2024, 2025, 3),
    ("ke-farmsense", "in-iwas", "collaboration", WATER, 2024, 2025, 3),
    ("ke-farmsense", "in-vasundhara", "collaboration", WATER, 2025, 2025, 2),
    ("gl-ifsa", "ke-farmsense", "funding", LIVELIHOODS, 2025, 2025, 3),
    ("ke-farmsense", "br-irrigacao", "information", WATER, 2025, 2025, 2),
    ("in-iwas", "br-iphsc", "information", WATER, 2020, 2025, 2),
])

FADING_TIES = _script([
    # the State Watershed Mission Office: a hub until 2021, then wound down
    ("in-watershed-mission", "in-wrd", "collaboration", WATER, 2019, 2025, 4),
    ("in-watershed-mission", "in-pune-agri", "collaboration", WATER, 2019, 2023, 4),
    ("in-watershed-mission", "in-jal-liaison", "collaboration", WATER, 2019, 2023, 3),
    ("in-watershed-mission", "in-khed-vwc", "funding", WATER, 2019, 2022, 3),
    ("in-watershed-mission", "in-satara-collective", "funding", WATER, 2019, 2022, 3),
    ("in-watershed-mission", "in-jal-seva", "funding", WATER, 2019, 2021, 3),
    ("in-watershed-mission", "in-deccan-agri-univ", "collaboration", WATER, 2019, 2021, 2),
    ("in-watershed-mission", "in-junnar-fpc", "funding", WATER, 2019, 2021, 2),
    ("in-watershed-mission", "in-ahmednagar-dairy", "funding", WATER, 2019, 2021, 2),
    ("in-watershed-mission", "in-sahyog", "collaboration", WATER, 2019, 2021, 2),
    ("in-lokvani", "in-watershed-mission", "information", WATER, 2019, 2021, 2),
    ("in-watershed-mission", "in-gram-vikas", "collaboration", WATER, 2019, 2022, 2),
    # the Northbridge Water Trust: grants until 2022, gone in 2023
    ("gl-northbridge", "ke-maji-safi", "funding", WATER, 2019, 2022, 4),
    ("gl-northbridge", "br-agua-viva", "funding", WATER, 2019, 2022, 4),
    ("gl-northbridge", "in-jal-seva", "funding", WATER, 2019, 2022, 3),
    ("gl-northbridge", "gl-waterbridge", "funding", WATER, 2019, 2022, 4),
    ("gl-northbridge", "ke-rv-conservation", "funding", WATER, 2019, 2021, 3),
    ("gl-northbridge", "br-mata-ciliar", "funding", WATER, 2019, 2021, 3),
    ("gl-northbridge", "ke-dryland", "funding", WATER, 2019, 2021, 2),
    ("gl-northbridge", "in-sahyadri-rivers", "funding", WATER, 2019, 2021, 2),
    ("gl-northbridge", "gl-mwf", "information", WATER, 2019, 2022, 2),
])

# Standing ties: written once with an empty period, they hold in every period.
STATIC_TIES = _script([
    ("in-wrd", "in-pune-agri", "information", ALL, 0, 0, 3),
    ("in-wrd", "in-mpcb", "information", WATER, 0, 0, 3),
    ("ke-wra", "ke-baringo-water", "information", WATER, 0, 0, 3),
    ("ke-wra", "ke-naivasha-wrua", "collaboration", WATER, 0, 0, 3),
    ("br-sima", "br-aguas-interior", "collaboration", WATER, 0, 0, 4),
    ("gl-mwf", "gl-ifsa", "information", ALL, 0, 0, 2),
])

# Organizations whose every tie is scripted (no random background ties), so
# that the story holds exactly.
SCRIPTED_ONLY = {FOCAL, COMPETITOR, *RISING, *FADING}

# --- the random background ----------------------------------------------------

DIRECTED_TYPES = {"funding", "contract", "advocacy"}
BASE_RATE = 1.0  # tunes the density of the background (mean degree ~5 on the water map)
FOCUS_PULL = 0.2  # chance that a tie serves a non-water partner's own focus
WATER_WEIGHT = 80  # weight of water among the other challenges
KEEP_TO_END = 0.55  # chance that a background tie lasts to the last year
_AFFINITY = {  # how often two sectors work together, 0-1 (unordered pairs)
    ("Government", "Government"): .55, ("Government", "NGO"): .45,
    ("Business", "Government"): .2, ("Academic", "Government"): .35,
    ("Funder", "Government"): .15, ("Community", "Government"): .45,
    ("Government", "Media"): .3, ("Government", "Multilateral"): .6,
    ("NGO", "NGO"): .4, ("Business", "NGO"): .2, ("Academic", "NGO"): .35,
    ("Funder", "NGO"): .55, ("Community", "NGO"): .5, ("Media", "NGO"): .25,
    ("Multilateral", "NGO"): .4,
    ("Business", "Business"): .3, ("Academic", "Business"): .12,
    ("Business", "Funder"): .04, ("Business", "Community"): .3,
    ("Business", "Media"): .15, ("Business", "Multilateral"): .08,
    ("Academic", "Academic"): .3, ("Academic", "Funder"): .35,
    ("Academic", "Community"): .25, ("Academic", "Media"): .12,
    ("Academic", "Multilateral"): .25,
    ("Funder", "Funder"): .2, ("Community", "Funder"): .35, ("Funder", "Media"): .04,
    ("Funder", "Multilateral"): .3,
    ("Community", "Community"): .3, ("Community", "Media"): .2,
    ("Community", "Multilateral"): .08,
    ("Media", "Media"): .08, ("Media", "Multilateral"): .1,
    ("Multilateral", "Multilateral"): .6,
}
_BUYERS = {"customer", "competitor", "peer", "utility"}


def _affinity(a: Org, b: Org) -> float:
    """Return the chance weight that two background organizations have a tie."""
    weight = _AFFINITY[tuple(sorted((a.sector, b.sector)))]
    roles = {a.role, b.role}
    if a.sector == b.sector == "Business":
        if "supplier" in roles and roles & _BUYERS:
            weight *= 1.8
        elif roles in ({"supplier"}, {"customer"}, {"competitor"}):
            weight *= 0.3
    if a.geography == b.geography:
        geo = 1.0
    elif GL in (a.geography, b.geography):
        geo = 0.25
    else:
        geo = 0.02  # a few cross-region bridges
    return BASE_RATE * weight * geo


def _type_and_direction(a: Org, b: Org, rng: random.Random) -> tuple[str, Org, Org]:
    """Pick a tie type that fits the two sectors; orient directed types."""
    sectors = {a.sector, b.sector}
    r = rng.random()
    if "Funder" in sectors and sectors - {"Funder", "Media", "Business"}:
        funder, other = (a, b) if a.sector == "Funder" else (b, a)
        if r < 0.75 and other.sector != "Funder":
            return "funding", funder, other
        return ("information" if r < 0.9 else "collaboration"), a, b
    if "Multilateral" in sectors and sectors & {"Government", "NGO", "Community"}:
        multi, other = (a, b) if a.sector == "Multilateral" else (b, a)
        if r < 0.4:
            return "funding", multi, other
        return ("collaboration" if r < 0.8 else "information"), a, b
    if sectors == {"Business"}:
        if a.role == "supplier" and b.role != "supplier":
            return ("contract", b, a) if r < 0.8 else ("collaboration", a, b)
        if b.role == "supplier" and a.role != "supplier":
            return ("contract", a, b) if r < 0.8 else ("collaboration", a, b)
        if r < 0.08:
            return "conflict", a, b
        return ("collaboration" if r < 0.55 else "information"), a, b
    if sectors == {"Business", "Community"}:
        biz, com = (a, b) if a.sector == "Business" else (b, a)
        if r < 0.45:
            return "contract", biz, com
        if r < 0.88:
            return "collaboration", a, b
        return "conflict", a, b
    if "Media" in sectors:
        media, other = (a, b) if a.sector == "Media" else (b, a)
        if r < 0.3 and other.sector != "Media":
            return "advocacy", media, other
        return "information", a, b
    if sectors & {"NGO", "Community"} and sectors & {"Government", "Business"}:
        voice, addressee = (a, b) if a.sector in ("NGO", "Community") else (b, a)
        if r < 0.3:
            return "advocacy", voice, addressee
        if r < 0.35:
            return "conflict", a, b
        return ("collaboration" if r < 0.85 else "information"), a, b
    return ("collaboration" if r < 0.6 else "information"), a, b


def _challenge(a: Org, b: Org, rng: random.Random) -> str:
    """Pick the challenge a tie serves: mostly water, else the partners' focus."""
    focus = [o.focus for o in (a, b) if o.focus != WATER]
    r = rng.random()
    if focus and r < FOCUS_PULL:
        return focus[int(rng.random() * len(focus))]
    if r < 0.05:
        return ALL
    return rng.choices((WATER, NUTRITION, LIVELIHOODS, CLIMATE, FOOD_LOSS),
                       weights=(WATER_WEIGHT, 9, 11, 4, 3))[0]


def _background(rng: random.Random, taken: set[frozenset]) -> list[Tie]:
    """Return random ties among the organizations that are not scripted-only."""
    pool = [o for o in ORGS if o.id not in SCRIPTED_ONLY]
    ties = []
    for i, a in enumerate(pool):
        for b in pool[i + 1:]:
            draw = rng.random()  # drawn for every pair, so the sequence stays fixed
            if frozenset((a.id, b.id)) in taken or draw >= _affinity(a, b):
                continue
            lo, hi = max(a.first, b.first), min(a.last, b.last)
            if lo > hi:
                continue
            first = lo if rng.random() < 0.65 else rng.randint(lo, hi)
            last = hi if rng.random() < KEEP_TO_END else rng.randint(first, hi)
            kind, source, target = _type_and_direction(a, b, rng)
            strength = rng.choices((1, 2, 3, 4, 5), weights=(2, 4, 4, 2, 1))[0]
            ties.append(Tie(source.id, target.id, kind, _challenge(a, b, rng), first, last,
                            strength))
    return ties


def _reporter(tie: Tie, rng: random.Random) -> str:
    geos = {BY_ID[tie.source].geography, BY_ID[tie.target].geography}
    if tie.type == "contract" and rng.random() < 0.85:
        return "Sourcing team"
    if geos & {KE, BR} and not geos & {IN}:
        return "Country teams"
    return "Sustainability office"


def _confidence(team: str, rng: random.Random) -> float | None:
    if rng.random() < 0.03:
        return None  # not recorded
    low = {"Sourcing team": 8, "Sustainability office": 6, "Country teams": 5}[team]
    return rng.randint(low, 10) / 10


def build_relationships(rng: random.Random) -> list[dict]:
    """Return the relationships rows: one per tie and year, static ties once."""
    scripted = FOCAL_TIES + COMPETITOR_TIES + RISING_TIES + FADING_TIES
    taken = {frozenset((t.source, t.target)) for t in scripted + STATIC_TIES}
    ties = scripted + _background(rng, taken)
    rows = []
    for tie in STATIC_TIES:
        team = _reporter(tie, rng)
        rows.append(_row(tie, None, tie.strength, team, _confidence(team, rng)))
    for tie in ties:
        src, tgt = BY_ID[tie.source], BY_ID[tie.target]
        first, last = max(tie.first, src.first, tgt.first), min(tie.last, src.last, tgt.last)
        team = _reporter(tie, rng)
        strength = tie.strength
        for year in range(first, last + 1):
            if year > first and rng.random() < 0.2:  # ties strengthen and weaken a little
                strength = min(5, max(1, strength + rng.choice((-1, 1))))
            rows.append(_row(tie, year, strength, team, _confidence(team, rng)))
    rows.sort(key=lambda r: (r["period"] or 0, r["source"], r["target"], r["type"],
                             r["reported_by"]))
    return rows


def _row(tie: Tie, year, strength, team, confidence) -> dict:
    return {"source": tie.source, "target": tie.target, "period": year, "type": tie.type,
            "strength": strength, "directed": "yes" if tie.type in DIRECTED_TYPES else "no",
            "challenge": tie.challenge, "reported_by": team, "confidence": confidence}


# --- the other tables -----------------------------------------------------------


def organization_rows() -> list[dict]:
    return [{"id": o.id, "name": o.name, "sector": o.sector, "geography": o.geography,
             "focal": "yes" if o.id == FOCAL else "no", "role": o.role, "scale": o.scale}
            for o in ORGS]


def challenge_rows() -> list[dict]:
    rows = []
    for name, text, business, societal, level, scores in CHALLENGES:
        row = {"challenge": name, "description": text, "business_impact": business,
               "societal_impact": societal, "shared_value_level": level}
        row.update({s[0]: score for s, score in zip(SCENARIOS, scores)})
        rows.append(row)
    return rows


def scenario_rows() -> list[dict]:
    return [{"scenario": s, "probability": p, "description": d} for s, p, d in SCENARIOS]


def assessment_rows() -> list[dict]:
    return [{"practice": practice, "boundary": boundary, "current": current, "target": target}
            for practice, (currents, targets) in ASSESSMENT.items()
            for boundary, current, target in zip(BOUNDARIES, currents, targets)]


def sample_tables() -> dict[str, tuple[list[str], list[dict]]]:
    """Return the sample's tables as ``name -> (header, rows)``."""
    rng = random.Random(SEED)
    scenario_names = [s[0] for s in SCENARIOS]
    return {
        "organizations": ([*COLUMNS["organizations"], *ORG_EXTRAS], organization_rows()),
        "relationships": (list(COLUMNS["relationships"]), build_relationships(rng)),
        "challenges": ([*COLUMNS["challenges"], *scenario_names], challenge_rows()),
        "scenarios": (list(COLUMNS["scenarios"]), scenario_rows()),
        "assessment": (list(COLUMNS["assessment"]), assessment_rows()),
    }


# --- the templates ----------------------------------------------------------------

_EXAMPLE_SCENARIOS = ("Water stress 2035", "Tech leap")
TEMPLATE_ROWS = {
    "organizations": [
        {"id": "us", "name": "Our Company Ltd", "sector": "Business", "geography": IN,
         "focal": "yes", "role": "self", "scale": "national"},
        {"id": "riverside-wua", "name": "Riverside Water Users' Association",
         "sector": "Community", "geography": IN, "focal": "no", "role": "user group",
         "scale": "local"},
        {"id": "clearwater", "name": "Clearwater Foundation", "sector": "Funder",
         "geography": GL, "focal": "no", "role": "grantmaker", "scale": "global"},
    ],
    "relationships": [
        {"source": "clearwater", "target": "riverside-wua", "period": 2024, "type": "funding",
         "strength": 4, "directed": "yes", "challenge": WATER,
         "reported_by": "Sustainability office", "confidence": 0.9},
        {"source": "us", "target": "riverside-wua", "period": 2024, "type": "collaboration",
         "strength": 2, "directed": "no", "challenge": WATER, "reported_by": "Sourcing team",
         "confidence": 0.6},
        {"source": "us", "target": "clearwater", "period": None, "type": "information",
         "strength": 1, "directed": "no", "challenge": ALL,
         "reported_by": "Sustainability office", "confidence": None},
    ],
    "challenges": [
        {"challenge": WATER, "description": CHALLENGES[0][1], "business_impact": 9,
         "societal_impact": 9, "shared_value_level": "value chain",
         "Water stress 2035": 10, "Tech leap": 7},
        {"challenge": NUTRITION, "description": CHALLENGES[1][1], "business_impact": 7,
         "societal_impact": 8, "shared_value_level": "products and markets",
         "Water stress 2035": 4, "Tech leap": 5},
    ],
    "scenarios": [
        {"scenario": "Water stress 2035", "probability": 0.7, "description": SCENARIOS[0][2]},
        {"scenario": "Tech leap", "probability": 0.3, "description": SCENARIOS[3][2]},
    ],
    "assessment": [
        {"practice": "connecting", "boundary": "stakeholder", "current": 4, "target": 5},
        {"practice": "weaving", "boundary": "geographic", "current": 1, "target": 4},
        {"practice": "buffering", "boundary": "vertical", "current": 3, "target": 3},
    ],
}

# table, column, required, meaning, example: the data dictionary of the how_to sheet.
HOW_TO = (
    ("(every table)", "(sheet or file name)", "yes",
     "One sheet (or one CSV file) per table, named organizations, relationships, challenges, "
     "scenarios, assessment; only relationships is required, the others are optional. "
     "Row 1 holds the headers, data start in row 2.", "relationships.csv"),
    ("organizations", "id", "yes",
     "Unique id of the organization. Ties may use the id or the exact name.", "riverside-wua"),
    ("organizations", "name", "no", "Display name (the id when empty).",
     "Riverside Water Users' Association"),
    ("organizations", "sector", "no",
     "Government, NGO, Business, Academic, Funder, Community, Media, Multilateral, "
     "or your own words.", "Community"),
    ("organizations", "geography", "no", "Region or country.", IN),
    ("organizations", "focal", "no", "yes marks OUR organization (exactly one row); no or empty "
     "otherwise.", "yes"),
    ("organizations", "(any other column)", "no",
     "Kept as an attribute, e.g. role (supplier, customer, competitor...) or scale (local, "
     "regional, national, global); any categorical column can serve as a boundary in step 3.",
     "role = user group"),
    ("relationships", "source", "yes",
     "Id or name of one organization; for a directed tie, where it starts (funder, buyer, "
     "advocate).", "clearwater"),
    ("relationships", "target", "yes",
     "Id or name of the other organization; for a directed tie, where it ends (grantee, "
     "supplier, addressee).", "riverside-wua"),
    ("relationships", "period", "no",
     "Year or period label, one row per period the tie exists; empty = the tie holds in every "
     "period.", "2024"),
    ("relationships", "type", "no",
     "Kind of tie: collaboration, funding, information, advocacy, contract, conflict, "
     "or your own words.", "funding"),
    ("relationships", "strength", "no", "Tie strength, 1 (weak) to 5 (strong); default 1.", "4"),
    ("relationships", "directed", "no", "yes when the tie runs from source to target "
     "(funding, contract, advocacy); no or empty otherwise.", "yes"),
    ("relationships", "challenge", "no",
     "The societal challenge the tie serves, spelled as in the challenges sheet; empty = "
     "every challenge.", WATER),
    ("relationships", "reported_by", "no", "Team or person who reported the tie.",
     "Sustainability office"),
    ("relationships", "confidence", "no", "How sure the reporter is, 0 to 1; empty = not "
     "recorded.", "0.9"),
    ("challenges", "challenge", "yes", "Name of the societal challenge.", WATER),
    ("challenges", "description", "no", "One or two sentences.", "Aquifers are over-drawn..."),
    ("challenges", "business_impact", "no",
     "Impact on our business, 1 (negligible) to 10 (critical).", "9"),
    ("challenges", "societal_impact", "no",
     "Impact on society, 1 (negligible) to 10 (critical).", "9"),
    ("challenges", "shared_value_level", "no",
     "Where the shared value lies: products and markets, value chain, or local cluster.",
     "value chain"),
    ("challenges", "(one column per scenario)", "no",
     "Header = the scenario's name exactly as in the scenarios sheet; the value = how much "
     "the challenge matters under that scenario, 1 to 10.", "Water stress 2035 = 10"),
    ("scenarios", "scenario", "yes", "Name of a possible future.", "Water stress 2035"),
    ("scenarios", "probability", "yes",
     "Its probability, 0 to 1; probabilities should sum to 1.", "0.7"),
    ("scenarios", "description", "no", "What that future looks like.",
     "Failed monsoons become the norm..."),
    ("assessment", "practice", "yes",
     "Boundary-spanning practice: buffering, reflecting, connecting, mobilizing, weaving, "
     "transforming; one row per practice and boundary (6 x 5 = 30 rows).", "weaving"),
    ("assessment", "boundary", "yes",
     "Boundary: vertical, horizontal, stakeholder, demographic, geographic.", "geographic"),
    ("assessment", "current", "yes", "How well we do it today, 1 to 5.", "1"),
    ("assessment", "target", "yes", "Where we want to be, 1 to 5.", "4"),
)


def template_tables() -> dict[str, tuple[list[str], list[dict]]]:
    """Return the template's tables (example rows) as ``name -> (header, rows)``."""
    headers = {
        "organizations": [*COLUMNS["organizations"], *ORG_EXTRAS],
        "challenges": [*COLUMNS["challenges"], *_EXAMPLE_SCENARIOS],
    }
    return {t: (headers.get(t, list(COLUMNS[t])), rows) for t, rows in TEMPLATE_ROWS.items()}


# --- writing ------------------------------------------------------------------------


def _stable_zip(data: bytes, stamp: bytes | None = None) -> bytes:
    """Rewrite a zip with fixed member dates (and a fixed docProps modified time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if stamp and info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                                 rb"\g<1>" + stamp, content)
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3
            member.external_attr = 0o644 << 16
            dst.writestr(member, content)
    return out.getvalue()


def write_xlsx(path: Path, sheets: dict[str, tuple[list[str], list[dict]]], title: str) -> None:
    """Write one sheet per table: bold header row, then the rows; stable bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for row in rows:
            ws.append([row.get(col) for col in header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, col in enumerate(header, start=1):
            longest = max([len(str(col))] + [len(str(r.get(col) or "")) for r in rows])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, longest + 2)
    wb.properties.creator = "Shared Value Navigator (data/make_sample.py)"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = STAMP
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_stable_zip(buffer.getvalue(), STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()))


def _csv_text(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])
    return out.getvalue()


def write_csv_zip(path: Path, sheets: dict[str, tuple[list[str], list[dict]]]) -> None:
    """Write one UTF-8 CSV (with BOM, so Excel reads 'São Paulo' right) per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, (header, rows) in sheets.items():
            zf.writestr(f"{name}.csv", _csv_text(header, rows).encode("utf-8-sig"))
    path.write_bytes(_stable_zip(buffer.getvalue()))


# --- the story check ----------------------------------------------------------------


def period_graph(rows: list[dict], year: int, challenge: str | None = WATER) -> nx.Graph:
    """Return the undirected simple graph of the ties that hold in ``year``.

    A tie holds when its period is the year or empty, and (unless ``challenge``
    is None) when its challenge is the given one or empty.
    """
    g = nx.Graph()
    for r in rows:
        if r["period"] not in (year, None):
            continue
        if challenge is not None and r["challenge"] not in (challenge, ALL):
            continue
        g.add_edge(r["source"], r["target"])
    return g


def _rank(degrees: dict[str, int], node: str) -> int:
    """Competition rank by degree (1 = most ties)."""
    return 1 + sum(d > degrees.get(node, 0) for d in degrees.values())


def story(tables) -> str:
    """Return the story in numbers: per year, who is central, where we stand."""
    rows = tables["relationships"][1]
    names = {o.id: o.name for o in ORGS}
    short = {FOCAL: "AquaNourish", COMPETITOR: "BlueSpring", "in-godavari-wuf": "Godavari WUF",
             "ke-farmsense": "FarmSense", "in-watershed-mission": "Watershed Mission",
             "gl-northbridge": "Northbridge"}
    lines = [f"Story check: the '{WATER}' map (ties with this challenge or none), undirected, "
             "degree = partners in that year; rank among organizations with a tie "
             "(1 = most ties)."]
    for year in YEARS:
        g = period_graph(rows, year)
        full = period_graph(rows, year, challenge=None)
        deg = dict(g.degree())
        n = g.number_of_nodes()
        lines.append(
            f"{year}: {n} orgs, {g.number_of_edges()} ties, mean degree "
            f"{2 * g.number_of_edges() / n:.1f} (all challenges: {full.number_of_nodes()} "
            f"orgs, mean {2 * full.number_of_edges() / full.number_of_nodes():.1f})")
        lines.append(
            f"      AquaNourish {deg.get(FOCAL, 0)} (rank {_rank(deg, FOCAL)}/{n}), "
            f"BlueSpring {deg.get(COMPETITOR, 0)} (rank {_rank(deg, COMPETITOR)}), "
            + ", ".join(f"{short[i]} {deg.get(i, 0)}" for i in (*RISING, *FADING)))
        top = sorted(deg.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        lines.append("      top 5: " + "; ".join(f"{names[i]} {d}" for i, d in top))
    g = period_graph(rows, YEARS[-1])
    reach = nx.single_source_shortest_path_length(g, FOCAL, cutoff=2)
    out = [i for i in RISING if i not in reach]
    lines.append(f"{YEARS[-1]} reach: within 2 steps of AquaNourish: {len(reach) - 1} orgs; "
                 f"rising players outside: {', '.join(names[i] for i in out) or 'none'}.")
    for bridge in BRIDGES:
        h = g.copy()
        h.add_edge(FOCAL, bridge)
        now = nx.single_source_shortest_path_length(h, FOCAL, cutoff=2)
        lines.append(f"      a tie to {names[bridge]} brings within 2 steps: "
                     f"{', '.join(names[i] for i in out if i in now) or 'none of them'} "
                     f"(reach {len(now) - 1}).")
    return "\n".join(lines)


def check(tables) -> None:
    """Fail loudly when the generated data no longer tells the story."""
    rows = tables["relationships"][1]
    ids = {o.id for o in ORGS}
    assert len(ids) == len(ORGS), "organization ids must be unique"
    assert all(r["source"] in ids and r["target"] in ids for r in rows)
    assert all(r["source"] != r["target"] for r in rows)
    for r in rows:  # nobody has ties before it enters or after it exits
        for org in (BY_ID[r["source"]], BY_ID[r["target"]]):
            years = (YEARS[0], YEARS[-1]) if r["period"] is None else (r["period"],) * 2
            assert org.first <= years[0] and years[1] <= org.last, (org.id, r)
    assert {r["source"] for r in rows} | {r["target"] for r in rows} == ids
    g = period_graph(rows, YEARS[-1])
    reach = nx.single_source_shortest_path_length(g, FOCAL, cutoff=2)
    assert not set(RISING) & set(reach), "the rising players must be out of our 2-step reach"
    for bridge in BRIDGES:
        assert set(RISING) <= set(nx.single_source_shortest_path_length(g, bridge, cutoff=1))
    assert abs(sum(p for _, p, _ in SCENARIOS) - 1) < 1e-9
    assert tuple(ASSESSMENT) == PRACTICES


def main(out_dir: str | Path = HERE) -> dict:
    """Write sample.xlsx, template.xlsx and template_csv.zip into ``out_dir``; print the story."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = sample_tables()
    check(tables)
    write_xlsx(out / "sample.xlsx", tables, "Shared Value Navigator sample: AquaNourish Foods")
    template = template_tables()
    how_to = (["table", "column", "required", "meaning", "example"],
              [dict(zip(("table", "column", "required", "meaning", "example"), r))
               for r in HOW_TO])
    write_xlsx(out / "template.xlsx", {**template, "how_to": how_to},
               "Shared Value Navigator template")
    write_csv_zip(out / "template_csv.zip", template)
    counts = Counter(r["type"] for r in tables["relationships"][1])
    print(f"Wrote {out / 'sample.xlsx'} ({len(ORGS)} organizations, "
          f"{len(tables['relationships'][1])} tie rows: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ")")
    print(f"Wrote {out / 'template.xlsx'} and {out / 'template_csv.zip'}")
    print(story(tables))
    return tables


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else HERE)
