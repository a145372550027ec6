"""PNG, JPEG and TIFF scans: every frame OCR'd as one page.

Frames are decoded one at a time as the OCR queue takes them, each checked against the pixel limit
before its pixels are decoded (Pillow reads the size from the header).
"""

from __future__ import annotations

import io
import warnings as py_warnings
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from vanban.errors import CorruptFileError, NoTextError, TooLargeError
from vanban.extractors.loaders import limits, ocr
from vanban.extractors.loaders.base import Extracted, Source

MIN_OCR_SIDE = 1600  # smaller images (screenshots, 100-dpi scans) are enlarged: Tesseract wants ~300 dpi
_DAMAGED = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError)


def _frames(source: Source) -> Iterator[Image.Image]:
    with py_warnings.catch_warnings():
        py_warnings.simplefilter("ignore")  # Pillow's notes on odd EXIF data and the like
        try:
            image = Image.open(io.BytesIO(source.data))
            limits.check_pages(source.path, getattr(image, "n_frames", 1), source.settings)
            for frame in ImageSequence.Iterator(image):
                limits.check_pixels(source.path, *frame.size, source.settings)
                frame = frame.copy()  # decodes this frame only
                if max(frame.size) < MIN_OCR_SIDE:
                    factor = -(-MIN_OCR_SIDE // max(frame.size))
                    frame = frame.resize((frame.width * factor, frame.height * factor), Image.LANCZOS)
                yield frame
        except Image.DecompressionBombError as exc:
            raise TooLargeError(source.path, f"image too large to OCR safely: {exc}") from None
        except _DAMAGED as exc:
            raise CorruptFileError(source.path, f"damaged or truncated image: {exc}") from None


def extract(source: Source) -> Extracted:
    ocr.require(source.path)
    # Pillow's own bomb check stays as a backstop at twice our limit; ours names the setting.
    Image.MAX_IMAGE_PIXELS = source.settings.max_page_pixels
    with ocr.OcrQueue(source.path, source.settings.ocr_workers, source.settings.max_file_seconds) as scans:
        for frame in _frames(source):
            scans.submit(frame)
        pages = scans.results()
    if not any(p.strip() for p in pages):
        raise NoTextError(source.path, "OCR found no text in the image")
    return Extracted(pages, [f"{len(pages)} page(s) OCR'd"])
