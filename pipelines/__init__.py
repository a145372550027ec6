"""The Prefect flows: ingest (files -> store, extraction on a Dask task runner past a few dozen
files), ingest-inbox, check-consistency and refresh-progress, and the deployments that schedule
them (deployments.py, kept equal to prefect.yaml by a test).
"""
