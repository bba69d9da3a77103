from pathlib import Path

PHRASES = Path(__file__).with_name("nl.txt")
