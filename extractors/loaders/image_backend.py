"""PNG, JPEG and TIFF scans: every frame OCR'd as one page."""

from __future__ import annotations

import io
import warnings as py_warnings

from PIL import Image, ImageSequence, UnidentifiedImageError

from vanban.errors import CorruptFileError, NoTextError, TooLargeError
from vanban.extractors.loaders import ocr
from vanban.extractors.loaders.base import Extracted, Source

MIN_OCR_SIDE = 1600  # smaller images (screenshots, 100-dpi scans) are enlarged: Tesseract wants ~300 dpi


def extract(source: Source) -> Extracted:
    ocr.require(source.path)
    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("ignore")  # Pillow's notes on odd EXIF data and the like
            py_warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(source.data))
            count = getattr(image, "n_frames", 1)
            if count > source.settings.max_pages:
                raise TooLargeError(source.path, f"{count} pages, over the limit of {source.settings.max_pages} (VANBAN_MAX_PAGES)")
            frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooLargeError(source.path, f"image too large to OCR safely: {exc}") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise CorruptFileError(source.path, f"damaged or truncated image: {exc}") from None
    with ocr.OcrQueue(source.path, source.settings.ocr_workers) as scans:
        for frame in frames:
            if max(frame.size) < MIN_OCR_SIDE:
                factor = -(-MIN_OCR_SIDE // max(frame.size))
                frame = frame.resize((frame.width * factor, frame.height * factor), Image.LANCZOS)
            scans.submit(frame)
        pages = scans.results()
    if not any(p.strip() for p in pages):
        raise NoTextError(source.path, "OCR found no text in the image")
    return Extracted(pages, [f"{len(pages)} page(s) OCR'd"])
