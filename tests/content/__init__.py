"""Tests of the built-in questionnaire content, scoring models and demo client."""
