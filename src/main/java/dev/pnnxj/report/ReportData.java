package dev.pnnxj.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything one report page shows, as the page's script reads it (serialised to JSON inside the
 * page). {@code nodes} are ncnn layers for a converted model, or the optimised IR nodes of one
 * that failed; {@code status} is {@code converted}, {@code unsupported} or {@code error}, or
 * for a comparison {@code match} or {@code mismatch}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportData(String title, String model, String status, String message, List<GraphNode> nodes,
        Map<String, BlobInfo> blobs, List<Group> groups, List<Problem> problems, List<OutputCheck> outputs,
        String firstDiverging) {

    /**
     * One box of the graph. {@code id} is unique on the page; {@code kind} is {@code ncnn} or
     * {@code ir}; {@code irNode} the optimised IR node it was lowered from (null for layers the back
     * end adds); {@code group} the id of the {@link Group} it belongs to, or null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GraphNode(String id, String kind, String type, String name, String params, List<String> bottoms,
            List<String> tops, long weightBytes, String irNode, List<SourceNode> sources, String group,
            String problem) {
    }

    /**
     * One blob: its ncnn shape (c,d,h,w; null when unknown), the source tensor it holds, and with
     * {@code compare --blobs} its distance from the reference (null when not compared).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlobInfo(List<Integer> shape, String source, Double maxAbs, Double maxRel, Double cosine) {
    }

    /** Several boxes made from one thing: the ncnn layers one IR node was lowered to. */
    public record Group(String id, String label) {
    }

    /** An unsupported node and why, as the converter reported it. */
    public record Problem(String node, String op, String kind, String reason) {
    }

    /** One compared model output. */
    public record OutputCheck(String name, String blob, double maxAbs, double maxRel, double cosine, boolean pass) {
    }

    /** The same report with comparison results added and their verdict ({@code match} or {@code mismatch}) as status. */
    ReportData withComparison(String verdict, Map<String, BlobInfo> measuredBlobs, List<OutputCheck> checks,
            String diverging) {
        return new ReportData(title, model, verdict, message, nodes, measuredBlobs, groups, problems, checks, diverging);
    }
}
