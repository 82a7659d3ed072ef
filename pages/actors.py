"""Actors: which spellings of a name count as one actor, and the alias table that decides the rest.

"Sergey Lavrov", "Sergei Lavrov", "Сергей Лавров" and "Sergey Viktorovich Lavrov" are one actor without
any rule; the alias table (stored for everyone) merges what no rule of spelling can, names actors, or keeps
two spellings apart. The stored events keep their spellings as written.
"""

import streamlit as st

from diplotime import ui
from diplotime.ui import actors

engine = ui.store_engine()
ui.page_title("Actors", ":material/groups:")
st.caption(
    "Spellings of one name are counted as one actor — in any script, with or without a patronymic, "
    "accents or initials (Sergey Lavrov, Sergei Lavrov, Сергей Лавров, Sergey Viktorovich Lavrov). "
    "Lanes by actor, the actor filter and every count use the merged names; the events keep their spellings."
)
actors.merged_ui(engine)
actors.alias_table_ui(engine)
actors.spellings_ui(engine)
