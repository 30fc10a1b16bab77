"""Images printed on letters (logos, scanned signatures), checked from their header before any
pixel is decoded: a small file can declare a picture of billions of pixels."""

from __future__ import annotations

import io
import warnings

from PIL import Image

from organiser.errors import ValidationError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_SIDE = 10_000  # pixels
MAX_PIXELS = 40_000_000


def image_size(data: bytes, name: str, field: str) -> tuple[int, int]:
    """The image's width and height, read from its header; a ValidationError on `field` when
    `data` is not an image or is larger than a letter needs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height = image.size
                if max(width, height) <= MAX_SIDE and width * height <= MAX_PIXELS:
                    image.verify()  # the file's structure, without decoding the pixels
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name, field, "") from None  # Pillow's own cap, from the header too
    except Exception:  # Pillow raises many kinds for a file that is not an image
        raise ValidationError(field, f"{name} is not an image (PNG or JPEG).") from None
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise _too_large(name, field, f"{width} × {height} pixels")
    return width, height


def _too_large(name: str, field: str, size: str) -> ValidationError:
    return ValidationError(
        field,
        f"{name} is {size or 'too many pixels'}; a letter takes at most {MAX_SIDE} pixels a "
        f"side and {MAX_PIXELS // 1_000_000} million in all — make it smaller first.",
    )
