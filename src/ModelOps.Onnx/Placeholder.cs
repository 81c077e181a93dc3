namespace ModelOps.Onnx;
