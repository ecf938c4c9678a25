"""Units water reports write that the core unit table lacks.

The core already reads compound units written with 每 or a slash (``万吨/日``, ``立方米/秒``,
``毫克/升``), so only two kinds are added: the traditional flow unit 秒立方米 (m³ per second,
``洪峰流量4000秒立方米``), and the Latin symbols of flow and concentration (``m³/s``, ``t/d``,
``mg/L``), whose second half (s, d, L) the core does not know on its own. Dimensions, bases and
factors are the ones the core gives the equivalent Chinese compounds (立方米/秒 → volume/time in
m³/s), so values in either spelling compare.
"""

from __future__ import annotations

from decimal import Decimal

from govreport.model import Unit

_DAY = Decimal(86400)
_HOUR = Decimal(3600)
_LITRE = Decimal("0.001")  # m³

UNITS: tuple[Unit, ...] = (
    Unit("秒立方米", "volume/time", "m³/s", Decimal(1)),
    Unit("m³/s", "volume/time", "m³/s", Decimal(1), ("m3/s",)),
    Unit("m³/h", "volume/time", "m³/s", Decimal(1) / _HOUR, ("m3/h",)),
    Unit("m³/d", "volume/time", "m³/s", Decimal(1) / _DAY, ("m3/d",)),
    Unit("t/d", "mass/time", "kg/s", Decimal(1000) / _DAY),
    Unit("mg/L", "mass/volume", "kg/m³", Decimal("0.000001") / _LITRE, ("mg/l",)),
    Unit("μg/L", "mass/volume", "kg/m³", Decimal("0.000000001") / _LITRE, ("μg/l",)),
)
"""Flow and concentration units, in the dimensions the core uses for their Chinese spellings."""
