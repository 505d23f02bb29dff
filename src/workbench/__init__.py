"""Workbench: the terminal workbench of a bank-assurance account manager (银保客户经理)."""

__version__ = "0.1.0"
