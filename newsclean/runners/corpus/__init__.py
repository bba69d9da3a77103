"""Corpora: JSONL, Parquet, WARC and WET shards cleaned on one machine or a Dask cluster.

The command is ``newsclean corpus``; from Python, ``clean_records`` cleans any iterable of
records (a pandas frame's ``to_dict("records")``, a HuggingFace dataset) and ``clean_bag`` a Dask
bag. Needs ``pip install 'newsclean[corpus]'`` for Dask, pyarrow, fastwarc and zstandard.
"""

from .engine import CorpusPlan, ShardResult, check_output_folder, dask_client, find_shards, run_corpus
from .formats import CorpusError, Fields, read_output
from .records import clean_bag, clean_record, clean_records

__all__ = [
    "CorpusError", "CorpusPlan", "Fields", "ShardResult", "check_output_folder", "clean_bag", "clean_record",
    "clean_records", "dask_client", "find_shards", "read_output", "run_corpus",
]
