package dev.llmfallback.agentit.shapes;

/** Overrides a head without the annotation and calls super: the superclass's woven head runs its chain once. */
public class SubShapes extends Shapes {

    @Override
    public String succeeds(String prompt) {
        ran.add("SubShapes.succeeds");
        return "sub " + super.succeeds(prompt);
    }
}
