"""Sample campaigns for a first look and for screenshots, built from public facts.

The Korean campaigns follow the 2015-16 crackdown on Korean unions and the 2021 strike of the
National Health Insurance Service's outsourced call-centre workers; the Kazakh oil-field campaign
and the call-centre outsourcing campaign in Argentina are illustrations of our own.
"""

from organiser.services.demo.load import DemoSummary, load_demo

__all__ = ["DemoSummary", "load_demo"]
