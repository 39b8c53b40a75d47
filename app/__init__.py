"""Hestia: the protocol office's registry of diplomats' private domestic workers."""
