"""Starter kits (``samplegen kit``): a generated sample inside the project its users expect."""

from generator.kits.core import (
    KIT_MANIFEST,
    Kit,
    KitRequest,
    KitStatus,
    KitWriteReport,
    check_kit,
    find_kits,
    kit_name,
    plan,
    render_kit,
    render_kits,
    write_kits,
    zip_bytes,
)

__all__ = [
    "KIT_MANIFEST",
    "Kit",
    "KitRequest",
    "KitStatus",
    "KitWriteReport",
    "check_kit",
    "find_kits",
    "kit_name",
    "plan",
    "render_kit",
    "render_kits",
    "write_kits",
    "zip_bytes",
]
