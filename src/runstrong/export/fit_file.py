"""FIT bytes with the file header Garmin's current SDK writes.

fit-tool's builder writes the legacy 12-byte header (no header CRC) with a
protocol version the SDK does not define; runstrong writes the 14-byte header
with its CRC, protocol 2.0 and the profile version the messages follow.
"""

from __future__ import annotations

from fit_tool.fit_file import FitFile
from fit_tool.fit_file_builder import FitFileBuilder, calc_crc, calc_records_size
from fit_tool.fit_file_header import FitFileHeader, ProtocolVersion

PROTOCOL_VERSION = ProtocolVersion(2, 0)


def fit_bytes(builder: FitFileBuilder) -> bytes:
    """The builder's messages as a complete FIT file: header, records, file CRC."""
    header = FitFileHeader(
        records_size=calc_records_size(builder.records),
        protocol_version=PROTOCOL_VERSION,
        gen_crc=True,
    )
    return FitFile(header, builder.records, calc_crc(header, builder.records)).to_bytes()
