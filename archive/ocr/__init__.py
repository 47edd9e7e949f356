"""OCR: recognising the text of page images (scans, photographs, image-only PDF pages)."""
