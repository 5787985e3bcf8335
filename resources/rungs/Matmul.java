// SPDX-License-Identifier: MIT
// Headroom's "Java" rung: the same triple loop as the Python rung in plain Java, run with
// `java Matmul.java` (JDK >= 11 source launcher). Same text protocol as matmul.py:
// stdin "n repetitions warmups" then A and B row-major; stdout "headroom-matmul 1",
// "times t1 t2 ..." (seconds of the loop alone), then C one row per line (Double.toString
// round-trips exactly).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.IOException;

public class Matmul {
    private static double next(BufferedReader in, StringBuilder sb) throws IOException {
        sb.setLength(0);
        int c = in.read();
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = in.read();
        if (c < 0) throw new IOException("unexpected end of input");
        while (c >= 0 && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            sb.append((char) c);
            c = in.read();
        }
        return Double.parseDouble(sb.toString());
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringBuilder sb = new StringBuilder();
        int n = (int) next(in, sb), reps = (int) next(in, sb), warmups = (int) next(in, sb);
        if (n < 0 || reps < 1 || warmups < 0) {
            System.err.println("Matmul.java: malformed input");
            System.exit(2);
        }
        double[][] A = new double[n][n], B = new double[n][n], C = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) A[i][j] = next(in, sb);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) B[i][j] = next(in, sb);
        double[] times = new double[reps];
        for (int r = 0; r < warmups + reps; r++) {
            C = new double[n][n];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int k = 0; k < n; k++)
                        C[i][j] += A[i][k] * B[k][j];
            long elapsed = System.nanoTime() - start;
            if (r >= warmups) times[r - warmups] = elapsed * 1e-9;
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out), 1 << 16));
        out.println("headroom-matmul 1");
        StringBuilder line = new StringBuilder("times");
        for (double t : times) line.append(' ').append(Double.toString(t));
        out.println(line);
        for (int i = 0; i < n; i++) {
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
