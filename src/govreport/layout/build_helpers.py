"""Small pure helpers shared by the layout modules."""

from __future__ import annotations


def tint(hex_color: str, amount: float) -> str:
    """``hex_color`` mixed with white (``amount`` 0 = colour, 1 = white)."""
    rgb = [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)
