"""Evaluation of a dossier against the rules (EXCHANGE.md « Evaluation»)."""

from app.evaluation.evaluate import Evaluation, evaluate, evaluation_to_data

__all__ = ["Evaluation", "evaluate", "evaluation_to_data"]
