namespace ModelOps.Training;
