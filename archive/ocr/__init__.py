"""Optical character recognition: page images to article text, with each line's place on the page."""
