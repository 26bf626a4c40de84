"""tradeguard: strategic trade control — who, what, where and through whom, with evidence."""

__version__ = "0.1.0"
