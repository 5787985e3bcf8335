class Matmul {}
