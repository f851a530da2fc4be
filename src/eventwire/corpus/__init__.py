"""Cross-article work: the actor knowledge base (and later story clusters, event de-duplication)."""
