"""CAMEO event codes (GDELT, ICEWS): their names and the dashboard event type each one becomes.

Codes are strings with leading zeros ("046" is not "46"): two digits for the root (01-20), three for
the base, four for a leaf. Names follow the CAMEO codebook 1.1b3 and GDELT's CAMEO.eventcodes.txt.
The type mapping follows the reference table (docs: event-formats.md, section 2): consultations are
talks, 042/043 visits, 057 treaties, 14x protests, 15/18-20 military, arrests and seizures incidents.
"""

from __future__ import annotations

ROOT_NAMES = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
}

BASE_NAMES = {
    "010": "Make statement", "011": "Decline comment", "012": "Make pessimistic comment",
    "013": "Make optimistic comment", "014": "Consider policy option", "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility", "017": "Engage in symbolic act", "018": "Make empathetic comment",
    "019": "Express accord",
    "020": "Make an appeal or request", "021": "Appeal for material cooperation",
    "022": "Appeal for diplomatic cooperation", "023": "Appeal for aid", "024": "Appeal for political reform",
    "025": "Appeal to yield", "026": "Appeal to others to meet or negotiate", "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
    "030": "Express intent to cooperate", "031": "Express intent to engage in material cooperation",
    "032": "Express intent to engage in diplomatic cooperation", "033": "Express intent to provide aid",
    "034": "Express intent to institute political reform", "035": "Express intent to yield",
    "036": "Express intent to meet or negotiate", "037": "Express intent to settle dispute",
    "038": "Express intent to accept mediation", "039": "Express intent to mediate",
    "040": "Consult", "041": "Discuss by telephone", "042": "Make a visit", "043": "Host a visit",
    "044": "Meet at a third location", "045": "Mediate", "046": "Engage in negotiation",
    "050": "Engage in diplomatic cooperation", "051": "Praise or endorse", "052": "Defend verbally",
    "053": "Rally support on behalf of", "054": "Grant diplomatic recognition", "055": "Apologize", "056": "Forgive",
    "057": "Sign formal agreement",
    "060": "Engage in material cooperation", "061": "Cooperate economically", "062": "Cooperate militarily",
    "063": "Engage in judicial cooperation", "064": "Share intelligence or information",
    "070": "Provide aid", "071": "Provide economic aid", "072": "Provide military aid", "073": "Provide humanitarian aid",
    "074": "Provide military protection or peacekeeping", "075": "Grant asylum",
    "080": "Yield", "081": "Ease administrative sanctions", "082": "Ease political dissent",
    "083": "Accede to requests or demands for political reform", "084": "Return, release",
    "085": "Ease economic sanctions, boycott, embargo", "086": "Allow international involvement",
    "087": "De-escalate military engagement",
    "090": "Investigate", "091": "Investigate crime, corruption", "092": "Investigate human rights abuses",
    "093": "Investigate military action", "094": "Investigate war crimes",
    "100": "Demand", "101": "Demand material cooperation", "102": "Demand diplomatic cooperation",
    "103": "Demand aid", "104": "Demand political reform", "105": "Demand that target yields",
    "106": "Demand meeting, negotiation", "107": "Demand settling of dispute", "108": "Demand mediation",
    "110": "Disapprove", "111": "Criticize or denounce", "112": "Accuse", "113": "Rally opposition against",
    "114": "Complain officially", "115": "Bring lawsuit against", "116": "Find guilty or liable (legally)",
    "120": "Reject", "121": "Reject material cooperation", "122": "Reject request or demand for material aid",
    "123": "Reject request or demand for political reform", "124": "Refuse to yield",
    "125": "Reject proposal to meet, discuss, or negotiate", "126": "Reject mediation",
    "127": "Reject plan, agreement to settle dispute", "128": "Defy norms, law", "129": "Veto",
    "130": "Threaten", "131": "Threaten non-force", "132": "Threaten with administrative sanctions",
    "133": "Threaten political dissent", "134": "Threaten to halt negotiations", "135": "Threaten to halt mediation",
    "136": "Threaten to halt international involvement", "137": "Threaten with repression",
    "138": "Threaten to use military force", "139": "Give ultimatum",
    "140": "Engage in political dissent", "141": "Demonstrate or rally", "142": "Conduct hunger strike",
    "143": "Conduct strike or boycott", "144": "Obstruct passage, block", "145": "Protest violently, riot",
    "150": "Demonstrate military or police power", "151": "Increase police alert status",
    "152": "Increase military alert status", "153": "Mobilize or increase police power",
    "154": "Mobilize or increase armed forces", "155": "Mobilize or increase cyber-forces",
    "160": "Reduce relations", "161": "Reduce or break diplomatic relations", "162": "Reduce or stop material aid",
    "163": "Impose embargo, boycott, or sanctions", "164": "Halt negotiations", "165": "Halt mediation",
    "166": "Expel or withdraw",
    "170": "Coerce", "171": "Seize or damage property", "172": "Impose administrative sanctions",
    "173": "Arrest, detain, or charge with legal action", "174": "Expel or deport individuals",
    "175": "Use tactics of violent repression", "176": "Attack cybernetically",
    "180": "Use unconventional violence", "181": "Abduct, hijack, or take hostage", "182": "Physically assault",
    "183": "Conduct suicide, car, or other non-military bombing", "184": "Use as human shield",
    "185": "Attempt to assassinate", "186": "Assassinate",
    "190": "Use conventional military force", "191": "Impose blockade, restrict movement", "192": "Occupy territory",
    "193": "Fight with small arms and light weapons", "194": "Fight with artillery and tanks",
    "195": "Employ aerial weapons", "196": "Violate ceasefire",
    "200": "Use unconventional mass violence", "201": "Engage in mass expulsion", "202": "Engage in mass killings",
    "203": "Engage in ethnic cleansing", "204": "Use weapons of mass destruction",
}

LEAF_NAMES = {"1042": "Demand policy change", "1313": "Threaten to reduce or break relations",
              "1011": "Demand economic cooperation", "1041": "Demand change in leadership"}

ROOT_TYPES = {
    "01": "statement", "02": "statement", "03": "statement", "04": "ministerial_talks", "05": "statement",
    "06": "statement", "07": "statement", "08": "statement", "09": "statement", "10": "statement",
    "11": "statement", "12": "statement", "13": "statement", "14": "protest", "15": "military",
    "16": "statement", "17": "statement", "18": "military", "19": "military", "20": "military",
}
BASE_TYPES = {
    "042": "visit", "043": "visit", "057": "treaty", "171": "incident", "172": "legislation", "173": "incident",
    "174": "incident", "175": "incident", "181": "incident",
}

QUAD_CLASSES = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict",
                "4": "material conflict"}


def clean_code(code: str) -> str:
    """A CAMEO code as text with its leading zero restored: clean_code('46') -> '046'; clean_code('14') -> '14'."""
    text = code.strip()
    if text.isdigit() and len(text) == 2 and text not in ROOT_NAMES:
        return text.zfill(3)  # a base code that lost its leading zero in a spreadsheet
    return text


def event_type(code: str) -> str:
    """Dashboard event type of a CAMEO code: event_type('046') -> 'ministerial_talks'; event_type('1411') -> 'protest'."""
    text = clean_code(code)
    return BASE_TYPES.get(text[:3]) or ROOT_TYPES.get(text[:2], "other")


def event_name(code: str) -> str:
    """Name of a CAMEO code, falling back to its base and root: event_name('0461') -> 'Engage in negotiation'."""
    text = clean_code(code)
    return LEAF_NAMES.get(text) or BASE_NAMES.get(text[:3]) or ROOT_NAMES.get(text[:2], f"CAMEO {text}")
