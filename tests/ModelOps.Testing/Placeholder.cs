namespace ModelOps.Testing;
