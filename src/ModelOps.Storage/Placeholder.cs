namespace ModelOps.Storage;
