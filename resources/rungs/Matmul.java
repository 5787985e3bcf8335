// SPDX-License-Identifier: MIT
// Headroom's "Java" rung: the same triple loop as the Python rung in plain Java, run with
// `java Matmul.java n offsetA offsetB` (JDK >= 11 source launcher). Same protocol as matmul.py:
// builds A and B from the ladder's portable formula (kernels/matrix.h), prints
// "headroom-matmul 2", then answers each stdin line "rows FIRST COUNT REPS" with
// "times t1 ... tREPS" (seconds of the loop alone) and those rows of C, one per line
// (Double.toString round-trips exactly). Ends at end of input.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;

public class Matmul {
    static final long PRIME = 65521;

    static double portableValue(long offset, long index) {
        long q = (index % PRIME + offset) % PRIME;
        long g = q * 40503 % PRIME;
        double mag = (64 + (g >> 1) % 961) / 1024.0;
        return (g & 1) != 0 ? -mag : mag;
    }

    static double[] portableRow(long offset, int n, int i) {
        double[] row = new double[n];
        for (int j = 0; j < n; j++) row[j] = portableValue(offset, (long) i * n + j);
        return row;
    }

    static void fail(String why) {
        System.err.println("Matmul.java: " + why);
        System.exit(2);
    }

    // The loop lives in a method of its own so that, once warm, every timed call runs the JIT's
    // full compile of it. Inline in main() it only ever ran as an on-stack-replacement compile,
    // whose code differed from one process to the next (0.20 or 0.41 s at n = 512).
    static void multiplyRows(double[][] A, double[][] B, double[][] C, int first, int end, int n) {
        for (int i = first; i < end; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    C[i][j] += A[i][k] * B[k][j];
    }

    public static void main(String[] args) throws IOException {
        int n = 0;
        long offA = -1, offB = -1;
        try {
            n = Integer.parseInt(args[0]);
            offA = Long.parseLong(args[1]);
            offB = Long.parseLong(args[2]);
        } catch (RuntimeException e) {
            fail("usage: Matmul.java n offsetA offsetB");
        }
        if (args.length != 3 || n < 0 || offA < 0 || offA >= PRIME || offB < 0 || offB >= PRIME)
            fail("usage: Matmul.java n offsetA offsetB");
        double[][] A = new double[n][], B = new double[n][];
        for (int k = 0; k < n; k++) B[k] = portableRow(offB, n, k);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out), 1 << 16));
        out.println("headroom-matmul 2");
        out.flush();
        StringBuilder line = new StringBuilder();
        for (String cmd; (cmd = in.readLine()) != null; ) {
            String[] w = cmd.trim().split("\\s+");
            if (w.length == 1 && w[0].isEmpty()) continue;
            if (w.length != 4 || !w[0].equals("rows")) fail("malformed command");
            int first = Integer.parseInt(w[1]), count = Integer.parseInt(w[2]), reps = Integer.parseInt(w[3]);
            if (first < 0 || count < 0 || first + count > n || reps < 1) fail("rows out of range");
            int end = first + count;
            for (int i = first; i < end; i++) if (A[i] == null) A[i] = portableRow(offA, n, i);
            double[][] C = null;
            line.setLength(0);
            line.append("times");
            for (int r = 0; r < reps; r++) {
                C = new double[n][];
                for (int i = first; i < end; i++) C[i] = new double[n];
                long start = System.nanoTime();
                multiplyRows(A, B, C, first, end, n);
                long elapsed = System.nanoTime() - start;
                line.append(' ').append(Double.toString(elapsed * 1e-9));
            }
            out.println(line);
            for (int i = first; i < end; i++) {
                line.setLength(0);
                for (int j = 0; j < n; j++) {
                    if (j > 0) line.append(' ');
                    line.append(Double.toString(C[i][j]));
                }
                out.println(line);
            }
            out.flush();
        }
    }
}
