print("costreport")
