"""Limits on images given to OCR; breaking one is one clear error for that file.

=====================  ===========  =====================================================
limit                  value        what it guards
=====================  ===========  =====================================================
``MAX_PAGE_PIXELS``    64,000,000   pixels of one page as the file declares them, checked
                                    before it is decoded (a 600 dpi A3 scan is 70 M; a
                                    decompression bomb declares billions). Pillow's own
                                    ``Image.MAX_IMAGE_PIXELS`` is set to the same value.
``MAX_SIDE``           30,000       pixels of the longer side of one page
``MAX_PAGES``          500          pages of one image file (TIFF) or image-only pages
                                    of one PDF given to OCR
``OCR_PIXELS``         16,000,000   a larger page is scaled down to this many pixels
                                    before OCR (a 300 dpi A4 page is 8.7 M); its boxes
                                    and the page view refer to the scaled page
``PDF_OCR_DPI``        200          resolution a PDF page without text is rendered at
=====================  ===========  =====================================================
"""

from __future__ import annotations

MAX_PAGE_PIXELS = 64_000_000
MAX_SIDE = 30_000
MAX_PAGES = 500
OCR_PIXELS = 16_000_000
PDF_OCR_DPI = 200
