"""Diplomacy Timeline: dated diplomatic events -> validated store -> Plotly timelines and maps."""

__version__ = "0.1.0"
