"""The shared doc fragment and the text the modules build their argument_spec from must not drift."""
from ansible_collections.mxha.srd.plugins.doc_fragments.resource import ModuleDocFragment
from ansible_collections.mxha.srd.plugins.module_utils.resource.docs import SHARED_DOC


def test_doc_fragment_is_the_shared_doc_text():
    assert ModuleDocFragment.DOCUMENTATION == SHARED_DOC
